using Vtr.Shared.Media;

namespace Vtr.Cli.Benchmarks;

/// <summary>What one wire compression does to the clip, measured by <see cref="CompressionProbe"/>.</summary>
/// <param name="FrameBytesByPicture">FRAME message size of each distinct picture of the clip.</param>
/// <param name="Ratio">Raw plane bytes / compressed plane bytes.</param>
internal sealed record CompressionProfile(
    WireCompression Compression,
    IReadOnlyList<int> FrameBytesByPicture,
    double Ratio,
    double CompressMsPerFrame,
    double DecompressMsPerFrame)
{
    public double CodecMsPerFrame => CompressMsPerFrame + DecompressMsPerFrame;

    /// <summary>FRAME bytes the client writes for the first <paramref name="frames"/> frames of the clip.</summary>
    public long UpstreamBytes(int frames)
    {
        long total = 0;
        for (var i = 0; i < frames; i++)
        {
            total += FrameBytesByPicture[i % FrameBytesByPicture.Count];
        }

        return total;
    }

    public double MeanFrameBytes(int frames) => (double)UpstreamBytes(frames) / frames;

    /// <summary>
    /// The link speed below which compressing pays off against <paramref name="raw"/>: sending raw takes
    /// raw/B, compressed takes compressed/B + cpu, so it wins while B &lt; (raw − compressed) / cpu. Bits/s;
    /// null when compression does not shrink the frame or costs nothing measurable.
    /// </summary>
    public double? PaysOffBelowBitsPerSecond(CompressionProfile raw, int frames)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var saved = raw.MeanFrameBytes(frames) - MeanFrameBytes(frames);
        var seconds = CodecMsPerFrame / 1000;
        return saved > 0 && seconds > 0 ? saved * 8 / seconds : null;
    }
}
