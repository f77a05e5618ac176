using Vtr.Shared.Bitstream;

namespace Vtr.Node.Codecs.FFmpeg;

/// <summary>
/// The part of a decoded picture's buffer that is shown: the SPS cropping window, in luma samples, of a picture
/// coded as <see cref="CodedWidth"/> × <see cref="CodedHeight"/>.
/// </summary>
internal readonly record struct PictureWindow(int Left, int Top, int Width, int Height, int CodedWidth, int CodedHeight);

/// <summary>
/// Follows the H.264 SPS NALs a decoder is given (extradata and in-band) for what decode-order capture needs to know
/// about the pictures libavcodec allocates: their cropping window (libavcodec applies it only to the pictures it
/// outputs; a picture taken at allocation still has the coded size, e.g. 1920×1088) and whether an access unit codes
/// one field of a pair, whose picture is complete only after the other field.
/// </summary>
internal sealed class H264SequenceTracker
{
    /// <summary>
    /// The window of the last SPS seen; null before any. A stream may carry several SPS ids; a window is only
    /// applied to a picture of exactly its coded size (<see cref="DecodedPictureWriter"/>).
    /// </summary>
    public PictureWindow? Window { get; private set; }

    /// <summary>The last SPS seen; null before any.</summary>
    public H264SpsInfo? Sps { get; private set; }

    /// <summary>True when <paramref name="annexB"/> (one access unit) codes a single field (PAFF).</summary>
    public bool IsFieldPicture(ReadOnlySpan<byte> annexB) =>
        Sps is { FrameMbsOnly: false } sps && H264SliceHeader.TryReadFieldPicture(annexB, sps, out var field) && field;

    public void Observe(ReadOnlySpan<byte> annexB)
    {
        var nals = NalUnitReader.ForAnnexB(annexB);
        while (nals.MoveNext())
        {
            if (H264NalUnitType.Of(nals.Current) == H264NalUnitType.Sps && H264SpsInfo.TryParse(nals.Current, out var sps))
            {
                Sps = sps;
                Window = new PictureWindow(sps!.CropLeft, sps.CropTop, sps.Width, sps.Height, sps.CodedWidth, sps.CodedHeight);
            }
        }
    }
}
