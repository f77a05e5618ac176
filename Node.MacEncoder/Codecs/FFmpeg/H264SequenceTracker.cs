using Vtr.Shared.Bitstream;

namespace Vtr.Node.Codecs.FFmpeg;

/// <summary>
/// The part of a decoded picture's buffer that is shown: the SPS cropping window, in luma samples, of a picture
/// coded as <see cref="CodedWidth"/> × <see cref="CodedHeight"/>.
/// </summary>
internal readonly record struct PictureWindow(int Left, int Top, int Width, int Height, int CodedWidth, int CodedHeight);

/// <summary>What decode-order capture needs to know about one access unit's picture.</summary>
/// <param name="Window">Its cropping window; null when its SPS is unknown (the picture then goes out uncropped).</param>
/// <param name="FieldPicture">It codes one field of a pair (PAFF), complete only after the other field.</param>
internal readonly record struct AccessUnitPicture(PictureWindow? Window, bool FieldPicture);

/// <summary>
/// Follows the H.264 SPS and PPS NALs a decoder is given (extradata and in-band), by id, for what decode-order capture
/// needs: the cropping window of the SPS each access unit's slices refer to through their PPS (libavcodec applies it
/// only to the pictures it outputs; a picture taken at allocation still has the coded size, e.g. 1920×1088), and
/// whether the access unit codes a single field.
/// </summary>
internal sealed class H264SequenceTracker
{
    private readonly Dictionary<int, H264SpsInfo> _spsById = [];
    private readonly Dictionary<int, int> _spsIdByPps = [];

    /// <summary>Reads the parameter sets of <paramref name="annexB"/>, then describes its picture.</summary>
    public AccessUnitPicture Observe(ReadOnlySpan<byte> annexB)
    {
        var nals = NalUnitReader.ForAnnexB(annexB);
        while (nals.MoveNext())
        {
            var type = H264NalUnitType.Of(nals.Current);
            if (type == H264NalUnitType.Sps && H264SpsInfo.TryParse(nals.Current, out var sps))
            {
                _spsById[sps!.SpsId] = sps;
            }
            else if (type == H264NalUnitType.Pps && H264SliceHeader.TryReadPpsIds(nals.Current, out var ppsId, out var spsId))
            {
                _spsIdByPps[ppsId] = spsId;
            }
        }

        if (!H264SliceHeader.TryReadShape(annexB, SpsOfPps, out var shape) || SpsOfPps(shape.PpsId) is not { } active)
        {
            return default;
        }

        var window = new PictureWindow(active.CropLeft, active.CropTop, active.Width, active.Height, active.CodedWidth, active.CodedHeight);
        return new AccessUnitPicture(window, shape.FieldPicture);
    }

    private H264SpsInfo? SpsOfPps(int ppsId) =>
        _spsIdByPps.TryGetValue(ppsId, out var spsId) && _spsById.TryGetValue(spsId, out var sps) ? sps : null;
}
