using System.Collections.Immutable;
using System.Globalization;

namespace Vtr.Cli.Media;

/// <summary>
/// Checks an output against its source with FFmpeg's own demuxer (libavformat in process, <see cref="PacketListing"/>)
/// and decoder (the ffmpeg CLI), independent of our segmenting and muxing code:
/// same video frame count and presentation timestamps (exact when time bases match, else within half the coarser
/// tick), strictly increasing dts ≤ pts, a keyframe first, a clean full decode, and every non-video stream
/// bit-identical (packet count, hash of each packet in order, timestamps).
/// </summary>
public static class OutputVerifier
{
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromMinutes(10);

    public static Task<VerificationReport> VerifyAsync(string sourcePath, string outputPath, CancellationToken ct) =>
        VerifyAsync(sourcePath, null, outputPath, segmentsDecoded: false, ct);

    /// <summary>As <see cref="VerifyAsync(string, string, CancellationToken)"/>, with the source's packets as
    /// <see cref="MediaProbe"/> already listed them (<see cref="MediaInfo.Listing"/>), so the source is not read again.</summary>
    /// <param name="segmentsDecoded">True when every segment already passed a full decode (the per-segment check of
    /// <c>vtr transcode</c>): the output's video is then checked at container level only, not decoded again.</param>
    public static Task<VerificationReport> VerifyAsync(MediaInfo source, string outputPath, CancellationToken ct, bool segmentsDecoded = false)
    {
        ArgumentNullException.ThrowIfNull(source);
        return VerifyAsync(source.Path, source.Listing, outputPath, segmentsDecoded, ct);
    }

    private static async Task<VerificationReport> VerifyAsync(
        string sourcePath, ProbedPackets? sourceListing, string outputPath, bool segmentsDecoded, CancellationToken ct)
    {
        var source = sourceListing ?? await ProbedPackets.ReadAsync(sourcePath, ct);
        var output = await ProbedPackets.ReadAsync(outputPath, ct);
        var checks = ImmutableArray.CreateBuilder<VerificationCheck>();
        var sourceVideo = source.FirstOf(MediaStreamKind.Video);
        var outputVideo = output.FirstOf(MediaStreamKind.Video);
        if (sourceVideo is null || outputVideo is null)
        {
            checks.Add(new VerificationCheck("video stream", false, sourceVideo is null ? "source has no video" : "output has no video"));
            return new VerificationReport(sourcePath, outputPath, checks.ToImmutable());
        }

        var sourcePackets = source.PacketsOf(sourceVideo.Index);
        var outputPackets = output.PacketsOf(outputVideo.Index);
        checks.Add(Check("video frame count", sourcePackets.Count == outputPackets.Count, $"source {sourcePackets.Count}, output {outputPackets.Count}"));
        checks.Add(ComparePts("video pts", sourceVideo, sourcePackets, outputVideo, outputPackets));
        checks.Add(CheckDecodeOrder(outputPackets));
        checks.Add(Check(
            "first packet is a keyframe",
            outputPackets.Count > 0 && outputPackets[0].IsKeyframe,
            outputPackets.Count == 0 ? "no video packets" : $"flags of first packet: {(outputPackets[0].IsKeyframe ? "K" : "none")}"));
        checks.Add(segmentsDecoded
            ? Check("video decodes without errors", true, "every segment decoded by its per-segment check")
            : await CheckDecodesAsync(outputPath, ct));
        foreach (var kind in (ReadOnlySpan<MediaStreamKind>)[MediaStreamKind.Audio, MediaStreamKind.Subtitle, MediaStreamKind.Data])
        {
            CompareCopiedStreams(kind, source, output, checks);
        }

        return new VerificationReport(sourcePath, outputPath, checks.ToImmutable());
    }

    private static VerificationCheck Check(string name, bool passed, string detail) => new(name, passed, detail);

    private static VerificationCheck ComparePts(string name, ProbedStream sourceStream, List<ProbedPacket> source, ProbedStream outputStream, List<ProbedPacket> output)
    {
        var sameTimeBase = sourceStream.TimeBaseNumerator * outputStream.TimeBaseDenominator == outputStream.TimeBaseNumerator * sourceStream.TimeBaseDenominator;
        var tolerance = sameTimeBase ? 1e-12 : (Math.Max(sourceStream.TickSeconds, outputStream.TickSeconds) / 2) + 1e-9;
        var a = source.Select(p => sourceStream.Seconds(p.Pts ?? p.Dts ?? 0)).Order().ToList();
        var b = output.Select(p => outputStream.Seconds(p.Pts ?? p.Dts ?? 0)).Order().ToList();
        if (a.Count != b.Count)
        {
            return Check(name, false, $"{a.Count} source vs {b.Count} output timestamps");
        }

        for (var i = 0; i < a.Count; i++)
        {
            if (Math.Abs(a[i] - b[i]) > tolerance)
            {
                return Check(name, false, string.Create(CultureInfo.InvariantCulture, $"frame {i} (presentation order): source {a[i]:0.######} s, output {b[i]:0.######} s"));
            }
        }

        return Check(name, true, sameTimeBase ? $"{a.Count} pts identical" : string.Create(CultureInfo.InvariantCulture, $"{a.Count} pts equal within {tolerance * 1000:0.###} ms (time bases differ)"));
    }

    private static VerificationCheck CheckDecodeOrder(List<ProbedPacket> packets)
    {
        long? previous = null;
        for (var i = 0; i < packets.Count; i++)
        {
            if (packets[i].Dts is not { } dts)
            {
                continue;
            }

            if (previous is { } p && dts <= p)
            {
                return Check("video dts increasing, dts <= pts", false, $"packet {i}: dts {dts} after {p}");
            }

            if (packets[i].Pts is { } pts && dts > pts)
            {
                return Check("video dts increasing, dts <= pts", false, $"packet {i}: dts {dts} > pts {pts}");
            }

            previous = dts;
        }

        return Check("video dts increasing, dts <= pts", true, $"{packets.Count} packets");
    }

    private static async Task<VerificationCheck> CheckDecodesAsync(string outputPath, CancellationToken ct)
    {
        var result = await MediaToolRunner.RunAsync(
            MediaToolRunner.FFmpeg, ["-hide_banner", "-nostdin", "-v", "error", "-i", outputPath, "-map", "0:v:0", "-f", "null", "-"], ToolTimeout, ct);
        var clean = result.Succeeded && string.IsNullOrWhiteSpace(result.StandardError);
        return Check("video decodes without errors", clean, clean ? "ffmpeg -f null: no errors" : result.LastErrorLine);
    }

    private static void CompareCopiedStreams(MediaStreamKind kind, ProbedPackets source, ProbedPackets output, ImmutableArray<VerificationCheck>.Builder checks)
    {
        var sourceStreams = source.Streams.Where(s => s.Kind == kind).ToList();
        var outputStreams = output.Streams.Where(s => s.Kind == kind).ToList();
        var label = kind.ToString().ToLowerInvariant();
        if (sourceStreams.Count != outputStreams.Count)
        {
            checks.Add(Check($"{label} streams", false, $"source {sourceStreams.Count}, output {outputStreams.Count}"));
            return;
        }

        for (var n = 0; n < sourceStreams.Count; n++)
        {
            var a = source.PacketsOf(sourceStreams[n].Index);
            var b = output.PacketsOf(outputStreams[n].Index);
            var name = $"{label} #{n} copied bit-identical";
            var firstDifference = Enumerable.Range(0, Math.Min(a.Count, b.Count)).FirstOrDefault(i => a[i].DataHash != b[i].DataHash, -1);
            checks.Add(a.Count != b.Count
                ? Check(name, false, $"{a.Count} source packets, {b.Count} output packets")
                : Check(name, firstDifference < 0, firstDifference < 0 ? $"{a.Count} packets, SHA-256 identical" : $"packet {firstDifference} differs"));
            checks.Add(ComparePts($"{label} #{n} timestamps", sourceStreams[n], a, outputStreams[n], b));
        }
    }
}
