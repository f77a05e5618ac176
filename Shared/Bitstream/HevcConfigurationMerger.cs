using System.Buffers;
using System.Buffers.Binary;

namespace Vtr.Shared.Bitstream;

/// <summary>
/// Accumulates the hvcC header fields across parameter sets with FFmpeg 5.1's rules
/// (libavformat/hevc.c <c>hvcc_update_ptl</c>, <c>hvcc_parse_vps/sps/pps</c>, <c>hvcc_write</c>):
/// profile = highest, tier = highest, level = highest of the highest tier, compatibility and
/// constraint flags = bitwise AND, layers = max, chroma/bit depth/nesting = last SPS,
/// min_spatial_segmentation = min over SPS VUIs (0 if none), parallelism = last PPS.
/// </summary>
internal sealed class HevcConfigurationMerger
{
    private const int MaxSpatialSegmentation = 4095;

    private int _profileSpace;
    private bool _tier;
    private int _profileIdc;
    private int _levelIdc;
    private uint _compatibilityFlags = uint.MaxValue;
    private ulong _constraintFlags = 0xFFFF_FFFF_FFFF;
    private int _minSpatialSegmentation = MaxSpatialSegmentation + 1;
    private int _parallelismType;
    private int _chromaFormat;
    private int _bitDepthLumaMinus8;
    private int _bitDepthChromaMinus8;
    private int _temporalLayers;
    private bool _temporalIdNested;
    private int _vpsCount;
    private int _spsCount;
    private int _ppsCount;

    /// <summary>Folds one VPS/SPS/PPS into the header; SEI NALs are only counted as present.</summary>
    public bool TryAdd(int type, ReadOnlySpan<byte> nal)
    {
        switch (type)
        {
            case HevcNalUnitType.Vps:
                if (!HevcVpsInfo.TryParse(nal, out var vps) || vps is null)
                {
                    return false;
                }

                _vpsCount++;
                _temporalLayers = Math.Max(_temporalLayers, vps.MaxSubLayers);
                Merge(vps.ProfileTierLevel);
                return true;
            case HevcNalUnitType.Sps:
                if (!HevcSpsInfo.TryParse(nal, out var sps) || sps is null)
                {
                    return false;
                }

                _spsCount++;
                _temporalLayers = Math.Max(_temporalLayers, sps.MaxSubLayers);
                _temporalIdNested = sps.TemporalIdNesting;
                Merge(sps.ProfileTierLevel);
                _chromaFormat = sps.ChromaFormatIdc;
                _bitDepthLumaMinus8 = sps.BitDepthLuma - 8;
                _bitDepthChromaMinus8 = sps.BitDepthChroma - 8;
                if (sps.MinSpatialSegmentationIdc is { } segmentation)
                {
                    _minSpatialSegmentation = Math.Min(_minSpatialSegmentation, segmentation);
                }

                return true;
            case HevcNalUnitType.Pps:
                if (!HevcPpsInfo.TryParse(nal, out var pps) || pps is null)
                {
                    return false;
                }

                _ppsCount++;
                _parallelismType = pps.ParallelismType;
                return true;
            default:
                return true;
        }
    }

    /// <summary>FFmpeg refuses a record without 1..16 VPS, 1..16 SPS and 1..64 PPS.</summary>
    public void CheckCounts()
    {
        if (_vpsCount is 0 or > 16 || _spsCount is 0 or > 16 || _ppsCount is 0 or > 64)
        {
            throw new BitstreamException(
                $"Cannot build hvcC: need 1-16 VPS, 1-16 SPS and 1-64 PPS, found {_vpsCount}/{_spsCount}/{_ppsCount}.");
        }
    }

    /// <summary>The 23 fixed bytes, configurationVersion through numOfArrays.</summary>
    public void WriteHeader(ArrayBufferWriter<byte> output, int arrayCount)
    {
        var segmentation = _minSpatialSegmentation > MaxSpatialSegmentation ? 0 : _minSpatialSegmentation;
        var parallelism = segmentation == 0 ? 0 : _parallelismType;
        var header = output.GetSpan(23)[..23];
        header[0] = 1;
        header[1] = (byte)((_profileSpace << 6) | (_tier ? 0x20 : 0) | _profileIdc);
        BinaryPrimitives.WriteUInt32BigEndian(header[2..], _compatibilityFlags);
        BinaryPrimitives.WriteUInt16BigEndian(header[6..], (ushort)(_constraintFlags >> 32));
        BinaryPrimitives.WriteUInt32BigEndian(header[8..], (uint)_constraintFlags);
        header[12] = (byte)_levelIdc;
        BinaryPrimitives.WriteUInt16BigEndian(header[13..], (ushort)(0xF000 | segmentation));
        header[15] = (byte)(0xFC | parallelism);
        header[16] = (byte)(0xFC | _chromaFormat);
        header[17] = (byte)(0xF8 | _bitDepthLumaMinus8);
        header[18] = (byte)(0xF8 | _bitDepthChromaMinus8);
        header[19] = 0; // avgFrameRate: FFmpeg writes 0, "unspecified"
        header[20] = 0;

        // constantFrameRate 0, numTemporalLayers, temporalIdNested, lengthSizeMinusOne 3.
        header[21] = (byte)(((_temporalLayers & 0x07) << 3) | (_temporalIdNested ? 0x04 : 0) | 0x03);
        header[22] = (byte)arrayCount;
        output.Advance(23);
    }

    private void Merge(HevcProfileTierLevel ptl)
    {
        _profileSpace = ptl.ProfileSpace;

        // The level belongs to the highest tier seen: a higher tier resets it.
        _levelIdc = !_tier && ptl.TierFlag ? ptl.LevelIdc : Math.Max(_levelIdc, ptl.LevelIdc);
        _tier |= ptl.TierFlag;
        _profileIdc = Math.Max(_profileIdc, ptl.ProfileIdc);
        _compatibilityFlags &= ptl.ProfileCompatibilityFlags;
        _constraintFlags &= ptl.ConstraintIndicatorFlags;
    }
}
