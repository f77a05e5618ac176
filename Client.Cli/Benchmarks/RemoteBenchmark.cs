using Vtr.Node.Codecs;
using Vtr.Shared.Media;

namespace Vtr.Cli.Benchmarks;

/// <summary>
/// `vtr bench remote`: renders the clip once, probes the compressors on it, then encodes it in-process (the
/// baseline) and through an in-process node over loopback TCP once per wire compression, all with the same
/// backend and settings. With several rounds the modes alternate and each keeps its fastest run and its lowest CPU.
/// </summary>
internal static class RemoteBenchmark
{
    public static async Task<RemoteBenchReport> RunAsync(RemoteBenchOptions options, ICodecBackend backend,
        Action<string> progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(progress);
        progress($"rendering {options.Frames} frames of {options.Width}x{options.Height} NV12 (camera-like pattern)");
        using var clip = new CameraClip(options.Width, options.Height, options.Frames);
        var settings = new BenchEncodeSettings(options, clip.Width, clip.Height);

        var profiles = new List<CompressionProfile> { CompressionProbe.Measure(clip, WireCompression.None) };
        foreach (var compression in options.Compressions)
        {
            if (compression != WireCompression.None)
            {
                profiles.Add(CompressionProbe.Measure(clip, compression));
                progress($"probed {CompressionNames.Format(compression)}: ratio {profiles[^1].Ratio:0.000}");
            }
        }

        await using var node = BenchNode.Start(backend);
        var warmup = Math.Min(options.WarmupFrames, options.Frames);
        if (warmup > 0)
        {
            LocalEncodeRun.Run(backend, settings, clip, warmup);
            foreach (var compression in options.Compressions)
            {
                await RunRemoteAsync(node, settings, compression, clip, warmup, options.Window, profiles, ct).ConfigureAwait(false);
            }
        }

        RunMeasurement? local = null;
        var remote = new RunMeasurement?[options.Compressions.Count];
        var roundRatios = options.Compressions.Select(_ => new List<double>()).ToArray();
        for (var round = 0; round < Math.Max(1, options.Rounds); round++)
        {
            Settle();
            var roundLocal = LocalEncodeRun.Run(backend, settings, clip, options.Frames);
            local = Keep(local, roundLocal, progress);
            for (var i = 0; i < options.Compressions.Count; i++)
            {
                Settle();
                var run = await RunRemoteAsync(node, settings, options.Compressions[i], clip, options.Frames, options.Window, profiles, ct)
                    .ConfigureAwait(false);
                remote[i] = Keep(remote[i], run, progress);
                roundRatios[i].Add(run.Fps / roundLocal.Fps);
            }
        }

        return new RemoteBenchReport(options, clip.Width, clip.Height, clip.DistinctPictures, clip.RawFrameBytes,
            local!, [.. remote.Select(run => run!)], profiles)
        {
            MedianRoundRatios = [.. roundRatios.Select(Median)],
        };
    }

    /// <summary>The middle value (mean of the two middle ones for an even count).</summary>
    internal static double Median(IReadOnlyCollection<double> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static Task<RunMeasurement> RunRemoteAsync(BenchNode node, BenchEncodeSettings settings, WireCompression compression,
        CameraClip clip, int frames, int window, List<CompressionProfile> profiles, CancellationToken ct)
    {
        var upstream = profiles.Find(p => p.Compression == compression)!.UpstreamBytes(frames);
        return RemoteEncodeRun.RunAsync(node.EndPoint, settings, compression, clip, frames, window, upstream, ct);
    }

    /// <summary>Fastest run and lowest CPU of a mode across rounds (interference from other processes only ever adds).</summary>
    private static RunMeasurement Keep(RunMeasurement? best, RunMeasurement run, Action<string> progress)
    {
        progress($"{run.Mode}: {run.Fps:0.0} fps, {run.CpuMsPerFrame:0.0} ms CPU/frame, {run.Packets} packets");
        return best is null
            ? run
            : best with
            {
                Elapsed = best.Elapsed < run.Elapsed ? best.Elapsed : run.Elapsed,
                ProcessCpu = best.ProcessCpu < run.ProcessCpu ? best.ProcessCpu : run.ProcessCpu,
            };
    }

    /// <summary>Starts every run from a collected heap, so one run's garbage is not another's pause.</summary>
    private static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}
