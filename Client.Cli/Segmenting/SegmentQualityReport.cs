using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Vtr.Cli.Media;
using Vtr.Shared.Cluster;

namespace Vtr.Cli.Segmenting;

/// <summary>One segment's measured quality and the node that encoded it.</summary>
public sealed record SegmentQuality(int Index, NodeId Node, int Frames, double Psnr);

/// <summary>
/// How good the assembled output is against its source, whole and per segment and node: the job's closing lines, so
/// a farm whose nodes encode differently (VideoToolbox beside libx264) shows it. PSNR over Y, U and V as FFmpeg's
/// psnr filter computes it: per-frame MSE averaged over the frames, then converted once (pure).
/// </summary>
public sealed record SegmentQualityReport(double Psnr, ImmutableArray<SegmentQuality> Segments)
{
    /// <summary>
    /// Splits <paramref name="frameMse"/> (presentation order) at the segment boundaries; null when the counts do
    /// not add up, which a passed verification rules out.
    /// </summary>
    public static SegmentQualityReport? Build(
        IReadOnlyList<double> frameMse, IReadOnlyList<(int Index, NodeId Node, int Frames)> segments, int bitDepth)
    {
        ArgumentNullException.ThrowIfNull(frameMse);
        ArgumentNullException.ThrowIfNull(segments);
        if (frameMse.Count == 0 || segments.Sum(s => s.Frames) != frameMse.Count)
        {
            return null;
        }

        var qualities = ImmutableArray.CreateBuilder<SegmentQuality>(segments.Count);
        var first = 0;
        foreach (var (index, node, frames) in segments)
        {
            var mse = frames == 0 ? 0 : Mean(frameMse, first, frames);
            qualities.Add(new SegmentQuality(index, node, frames, FramePsnrProbe.Psnr(mse, bitDepth)));
            first += frames;
        }

        return new SegmentQualityReport(FramePsnrProbe.Psnr(Mean(frameMse, 0, frameMse.Count), bitDepth), qualities.MoveToImmutable());
    }

    /// <summary>The lowest and highest segment PSNR: the spread a mixed farm must keep small.</summary>
    public (double Min, double Max) Spread => Segments.IsEmpty ? (Psnr, Psnr) : (Segments.Min(s => s.Psnr), Segments.Max(s => s.Psnr));

    public override string ToString()
    {
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        var (min, max) = Spread;
        text.AppendLine(inv, $"quality: PSNR {Psnr:0.00} dB against the source, segments {min:0.00}–{max:0.00} dB");
        foreach (var node in Segments.GroupBy(s => s.Node).OrderBy(g => g.Key.Value, StringComparer.Ordinal))
        {
            var (frames, psnrs) = (node.Sum(s => s.Frames), node.Select(s => s.Psnr).ToList());
            text.AppendLine(inv, $"  node {node.Key}: {node.Count()} segments, {frames} frames, PSNR {psnrs.Min():0.00}–{psnrs.Max():0.00} dB");
        }

        text.Append("  per segment (dB):");
        foreach (var segment in Segments)
        {
            text.Append(inv, $" {segment.Index}:{segment.Psnr:0.0}");
        }

        return text.AppendLine().ToString();
    }

    private static double Mean(IReadOnlyList<double> values, int first, int count)
    {
        var sum = 0.0;
        for (var i = first; i < first + count; i++)
        {
            sum += values[i];
        }

        return sum / count;
    }
}
