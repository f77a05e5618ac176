using Vtr.Shared.Bitstream;

namespace Vtr.Node.Codecs.FFmpeg;

/// <summary>
/// The part of a decoded picture's buffer that is shown: the SPS cropping window, in luma samples, of a picture
/// coded as <see cref="CodedWidth"/> × <see cref="CodedHeight"/>.
/// </summary>
internal readonly record struct PictureWindow(int Left, int Top, int Width, int Height, int CodedWidth, int CodedHeight);

/// <summary>
/// Follows the H.264 SPS NALs a decoder is given (extradata and in-band) to know the cropping window of the
/// pictures it allocates. libavcodec applies that window only to the pictures it outputs; a picture taken at
/// allocation time (<see cref="DecodeOrderCapture"/>) still has the coded size (e.g. 1920×1088).
/// </summary>
internal sealed class H264DisplayWindow
{
    /// <summary>
    /// The window of the last SPS seen; null before any. A stream may carry several SPS ids; a window is only
    /// applied to a picture of exactly its coded size (<see cref="DecodedPictureWriter"/>).
    /// </summary>
    public PictureWindow? Current { get; private set; }

    public void Observe(ReadOnlySpan<byte> annexB)
    {
        var nals = NalUnitReader.ForAnnexB(annexB);
        while (nals.MoveNext())
        {
            if (H264NalUnitType.Of(nals.Current) == H264NalUnitType.Sps && H264SpsInfo.TryParse(nals.Current, out var sps))
            {
                Current = new PictureWindow(sps!.CropLeft, sps.CropTop, sps.Width, sps.Height, sps.CodedWidth, sps.CodedHeight);
            }
        }
    }
}
