using System.Collections.Immutable;
using Spectre.Console;
using Vtr.Cli.Segmenting;
using Vtr.Node.Codecs.FFmpeg;
using Vtr.Shared.Media;
using Vtr.Shared.Security;

namespace Vtr.Cli.Benchmarks.Cluster;

/// <summary>
/// One transcode of the clip with k nodes through the real `vtr transcode` path (<see cref="TranscodeService"/>): an
/// embedded cluster of k nodes, or k `vtr node` processes (<see cref="NodeProcessCluster"/>) joined through --seed.
/// Every node has one session and one codec thread, so the cluster's parallelism is k and not libx264's threads.
/// </summary>
internal static class ClusterTranscodeRun
{
    /// <summary>Threads of every node's encoder and decoder.</summary>
    public const int NodeThreads = 1;

    public static async Task<ClusterBenchRun> RunAsync(ClusterBenchOptions options, ClusterScenario scenario, double segmentSeconds, string input, string output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(scenario);
        using var farm = scenario.Tls ? FarmCredentials.InMemory(FarmCertificateFactory.Create()) : null;
        var silent = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) });
        var nodes = scenario.Nodes;
        var encode = new SegmentEncodeSettings(VideoCodec.H264, options.Bitrate, null, "", scenario.Compression, scenario.Transport);
        var request = new TranscodeRequest(input, output, [], encode, segmentSeconds, nodes)
        {
            EmbeddedSessionsPerNode = 1,
            EmbeddedNodeBackends = [new FFmpegBackendOptions(options.Preset, NodeThreads)],
            EmbeddedSegmentFarm = farm,
            ExpectedNodes = nodes,
            Resume = false,
            QualityCheck = options.QualityCheck,
        };
        NodeProcessCluster? processes = null;
        try
        {
            if (options.Processes)
            {
                processes = await NodeProcessCluster.StartAsync(nodes, options.Pin, options.Preset, ct).ConfigureAwait(false);
                request = request with { Seeds = [processes.Seed] };
            }

            var outcome = await new TranscodeService(silent, liveProgress: false).RunAsync(request, ct).ConfigureAwait(false);
            File.Delete(output);
            if (!outcome.Report.Passed)
            {
                throw new TranscodeFailedException($"{scenario.Name}: output failed verification: {outcome.Report}");
            }

            var segments = outcome.Job.Segments.Values;
            return new ClusterBenchRun(
                scenario.Name,
                nodes,
                outcome.Frames,
                outcome.EncodeElapsed,
                [.. segments.Select(s => s.Frames)],
                [.. segments.GroupBy(s => s.NodeId.Value).Select(g => g.Count()).OrderDescending()]);
        }
        finally
        {
            processes?.Dispose();
        }
    }

    public static string Name(int nodes) => ClusterScenario.NameOf(nodes);
}
