using Vtr.Shared.Bitstream;
using Vtr.Shared.Media;

namespace Vtr.Node.Codecs.VideoToolbox;

/// <summary>
/// Collects the parameter sets a VideoToolbox decoder needs before it can build its format description.
/// CMVideoFormatDescriptionCreateFromH264ParameterSets requires at least 2 sets (SPS and PPS) and
/// CMVideoFormatDescriptionCreateFromHEVCParameterSets at least 3 (VPS, SPS and PPS) (CoreMedia/CMFormatDescription.h);
/// with fewer they fail with kCMFormatDescriptionError_InvalidParameter (-12710). Extradata and the first packets
/// may each carry only part of them, so the decoder gathers until every kind is present. Pure: tested on Linux.
/// </summary>
public sealed class ParameterSetGathering
{
    /// <summary>
    /// More distinct sets than any stream needs (H.264 allows 32 SPS + 256 PPS, but encoders send one or two);
    /// the bound keeps a stream that repeats changing sets from growing the list without end.
    /// </summary>
    public const int MaxSets = 32;

    private readonly VideoCodec _codec;
    private readonly List<byte[]> _vps = [];
    private readonly List<byte[]> _sps = [];
    private readonly List<byte[]> _pps = [];

    public ParameterSetGathering(VideoCodec codec) => _codec = codec;

    /// <summary>True once every kind the codec's format description needs has been seen.</summary>
    public bool IsComplete => _sps.Count > 0 && _pps.Count > 0 && (_codec != VideoCodec.Hevc || _vps.Count > 0);

    /// <summary>The kinds still missing, for an error a person can read: "PPS", "VPS, SPS".</summary>
    public string Missing
    {
        get
        {
            var missing = new List<string>(3);
            if (_codec == VideoCodec.Hevc && _vps.Count == 0)
            {
                missing.Add("VPS");
            }

            if (_sps.Count == 0)
            {
                missing.Add("SPS");
            }

            if (_pps.Count == 0)
            {
                missing.Add("PPS");
            }

            return string.Join(", ", missing);
        }
    }

    /// <summary>The gathered sets in VPS, SPS, PPS order, each distinct set once, as the format description takes them.</summary>
    public IReadOnlyList<byte[]> ParameterSets => [.. _vps, .. _sps, .. _pps];

    /// <summary>Adds raw parameter-set NAL units (no start codes); other NAL units and repeats are ignored.</summary>
    public void Add(IEnumerable<byte[]> nalUnits)
    {
        ArgumentNullException.ThrowIfNull(nalUnits);
        foreach (var nal in nalUnits)
        {
            if (ListFor(nal) is { } list && !Contains(list, nal) && _vps.Count + _sps.Count + _pps.Count < MaxSets)
            {
                list.Add(nal);
            }
        }
    }

    /// <summary>
    /// Gathers the parameter sets of a packet that arrived before the session exists and says what the decoder
    /// does next: open, wait for more (the packet held no picture), or refuse a picture it cannot decode yet.
    /// </summary>
    public GatheringOutcome Offer(ReadOnlySpan<byte> annexB)
    {
        var hasPicture = false;
        foreach (var nal in NalUnitReader.ForAnnexB(annexB))
        {
            if (SampleBufferPayload.IsParameterSet(_codec, nal))
            {
                Add([nal.ToArray()]);
            }
            else
            {
                hasPicture |= IsSlice(nal);
            }
        }

        if (IsComplete)
        {
            return GatheringOutcome.Complete;
        }

        return hasPicture ? GatheringOutcome.PictureBeforeParameterSets : GatheringOutcome.Waiting;
    }

    private bool IsSlice(ReadOnlySpan<byte> nal) => _codec == VideoCodec.Hevc
        ? HevcNalUnitType.Of(nal) is >= 0 and <= 31 // VCL NAL unit types (H.265 Table 7-1)
        : H264NalUnitType.Of(nal) is >= H264NalUnitType.NonIdrSlice and <= H264NalUnitType.Idr;

    private List<byte[]>? ListFor(byte[] nal)
    {
        if (_codec == VideoCodec.Hevc)
        {
            return HevcNalUnitType.Of(nal) switch
            {
                HevcNalUnitType.Vps => _vps,
                HevcNalUnitType.Sps => _sps,
                HevcNalUnitType.Pps => _pps,
                _ => null,
            };
        }

        return H264NalUnitType.Of(nal) switch
        {
            H264NalUnitType.Sps => _sps,
            H264NalUnitType.Pps => _pps,
            _ => null,
        };
    }

    private static bool Contains(List<byte[]> list, byte[] nal)
    {
        foreach (var existing in list)
        {
            if (existing.AsSpan().SequenceEqual(nal))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>What <see cref="ParameterSetGathering.Offer"/> found.</summary>
public enum GatheringOutcome
{
    /// <summary>Every required parameter set is present: create the format description and the session.</summary>
    Complete,

    /// <summary>Still incomplete and the packet carried no picture: accept it and wait for the rest.</summary>
    Waiting,

    /// <summary>A picture arrived while sets are still missing: it cannot be decoded.</summary>
    PictureBeforeParameterSets,
}
