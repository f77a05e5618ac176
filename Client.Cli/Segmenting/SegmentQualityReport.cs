using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Vtr.Cli.Media;
using Vtr.Shared.Cluster;

namespace Vtr.Cli.Segmenting;

/// <summary>One segment's measured quality, the node whose attempt was kept, and how many attempts it took.</summary>
public sealed record SegmentQuality(int Index, NodeId Node, int Frames, double Psnr, double Ssim, int Attempts = 1)
{
    /// <summary>Measured by its node (QUALITY message) rather than by the client's ffmpeg run.</summary>
    public bool OnNode { get; init; }
}

/// <summary>
/// How good the output is against its source, whole and per segment and node: the job's closing lines, so a farm
/// whose nodes encode differently (VideoToolbox beside libx264, another preset) shows it. PSNR over Y, U and V and
/// SSIM (All) as FFmpeg's psnr and ssim filters compute them: per-frame values averaged over the frames (MSE before
/// converting to dB), from the per-segment check (pure).
/// </summary>
public sealed record SegmentQualityReport(double Psnr, double Ssim, ImmutableArray<SegmentQuality> Segments)
{
    /// <summary>Why there is no VMAF line: Debian's FFmpeg (and most distributions') is built without libvmaf.</summary>
    public const string VmafNote = "VMAF not measured: this FFmpeg has no libvmaf";

    /// <summary>Wall time the per-segment checks took (overlapping the encode, except for the last segments).</summary>
    public TimeSpan CheckTime { get; init; }

    /// <summary>The report of measured segments; whole-file values weight each segment by its frames.</summary>
    public static SegmentQualityReport Build(
        IReadOnlyList<(int Index, NodeId Node, SegmentMeasurement Measurement, int Attempts)> segments, int bitDepth, TimeSpan checkTime)
    {
        ArgumentNullException.ThrowIfNull(segments);
        var qualities = ImmutableArray.CreateBuilder<SegmentQuality>(segments.Count);
        double mse = 0, ssim = 0;
        var frames = 0;
        foreach (var (index, node, m, attempts) in segments)
        {
            qualities.Add(new SegmentQuality(index, node, m.Frames, m.Psnr(bitDepth), m.Ssim, Math.Max(1, attempts)) { OnNode = m.OnNode });
            mse += m.MeanSquaredError * m.Frames;
            ssim += m.Ssim * m.Frames;
            frames += m.Frames;
        }

        var whole = frames == 0 ? 0 : mse / frames;
        return new SegmentQualityReport(FramePsnrProbe.Psnr(whole, bitDepth), frames == 0 ? 0 : ssim / frames, qualities.MoveToImmutable())
        {
            CheckTime = checkTime,
        };
    }

    /// <summary>The lowest and highest segment PSNR: the spread a mixed farm must keep small.</summary>
    public (double Min, double Max) Spread => Segments.IsEmpty ? (Psnr, Psnr) : (Segments.Min(s => s.Psnr), Segments.Max(s => s.Psnr));

    /// <summary>The median segment PSNR, what the even-quality policy holds segments to.</summary>
    public double MedianPsnr
    {
        get
        {
            var values = Segments.Select(s => s.Psnr).Order().ToList();
            return values.Count == 0 ? Psnr
                : values.Count % 2 == 1 ? values[values.Count / 2]
                : (values[(values.Count / 2) - 1] + values[values.Count / 2]) / 2;
        }
    }

    public override string ToString()
    {
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        var (min, max) = Spread;
        var reencoded = Segments.Count(s => s.Attempts > 1);
        text.AppendLine(inv, $"quality: PSNR {Psnr:0.00} dB, SSIM {Ssim:0.0000} against the source; segments {min:0.00}–{max:0.00} dB (median {MedianPsnr:0.00})");
        foreach (var node in Segments.GroupBy(s => s.Node).OrderBy(g => g.Key.Value, StringComparer.Ordinal))
        {
            var (frames, psnrs) = (node.Sum(s => s.Frames), node.Select(s => s.Psnr).ToList());
            text.AppendLine(inv, $"  node {node.Key}: {node.Count()} segments, {frames} frames, PSNR {psnrs.Min():0.00}–{psnrs.Max():0.00} dB, SSIM {node.Min(s => s.Ssim):0.0000}–{node.Max(s => s.Ssim):0.0000}");
        }

        text.Append("  per segment (dB):");
        foreach (var segment in Segments)
        {
            text.Append(inv, $" {segment.Index}:{segment.Psnr:0.0}{(segment.Attempts > 1 ? "*" : "")}");
        }

        text.AppendLine();
        if (reencoded > 0)
        {
            text.AppendLine(inv, $"  * re-encoded to even out quality: {reencoded} segments, {Segments.Sum(s => s.Attempts - 1)} extra encodes");
        }

        var onNodes = Segments.Count(s => s.OnNode);
        var where = onNodes == Segments.Length ? "all measured on their nodes"
            : onNodes == 0 ? "all measured here"
            : $"{onNodes} of {Segments.Length} measured on their nodes, the rest here";
        return text.AppendLine(inv, $"  checked per segment in {CheckTime.TotalSeconds:0.0} s ({where}); {VmafNote}").ToString();
    }
}
