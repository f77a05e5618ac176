using System.Collections.Immutable;
using Spectre.Console;
using Vtr.Cli.Segmenting;
using Vtr.Node.Codecs.FFmpeg;
using Vtr.Shared.Media;
using Vtr.Shared.Security;

namespace Vtr.Cli.Benchmarks.Cluster;

/// <summary>
/// Runs one <see cref="ClusterScenario"/> through the real `vtr transcode` path (<see cref="TranscodeService"/>):
/// an embedded cluster with one node per preset, each node one session and one codec thread, so the cluster's
/// parallelism is the node count and not libx264's threads.
/// </summary>
internal static class ClusterTranscodeRun
{
    /// <summary>Threads of every node's encoder and decoder.</summary>
    public const int NodeThreads = 1;

    public static async Task<ClusterBenchRun> RunAsync(
        ClusterBenchOptions options, ClusterScenario scenario, string input, string output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(scenario);
        using var farm = scenario.Tls ? FarmCredentials.InMemory(FarmCertificateFactory.Create()) : null;
        var silent = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) });
        var encode = new SegmentEncodeSettings(VideoCodec.H264, options.Bitrate, null, "", scenario.Compression, scenario.Transport);
        var request = new TranscodeRequest(input, output, [], encode, options.SegmentSeconds, scenario.NodePresets.Length)
        {
            EmbeddedSessionsPerNode = 1,
            EmbeddedNodeBackends = [.. scenario.NodePresets.Select(preset => new FFmpegBackendOptions(preset, NodeThreads))],
            EmbeddedSegmentFarm = farm,
        };
        var outcome = await new TranscodeService(silent, liveProgress: false).RunAsync(request, ct).ConfigureAwait(false);
        File.Delete(output);
        if (!outcome.Report.Passed)
        {
            throw new TranscodeFailedException($"{scenario.Name}: output failed verification: {outcome.Report}");
        }

        var won = outcome.Job.Segments.Values.GroupBy(s => s.NodeId.Value).ToDictionary(g => g.Key, g => g.Count());
        var shares = scenario.NodePresets
            .Select((preset, i) => new NodeShare(preset, won.GetValueOrDefault(EmbeddedNodeId(i))))
            .ToImmutableArray();
        return new ClusterBenchRun(scenario.Name, outcome.Frames, outcome.EncodeElapsed, shares);
    }

    /// <summary>The id <see cref="Embedded.EmbeddedCluster"/> gives its node <paramref name="index"/>.</summary>
    private static string EmbeddedNodeId(int index) => $"embedded-{index}";
}
