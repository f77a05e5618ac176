namespace Vtr.Shared.Bitstream;

/// <summary>The head of an HEVC video parameter set (ITU-T H.265 §7.3.2.1): what hvcC merges from it.</summary>
public sealed record HevcVpsInfo(int VpsId, int MaxSubLayers, bool TemporalIdNesting, HevcProfileTierLevel ProfileTierLevel)
{
    /// <summary>Parses a VPS NAL (2-byte header included, still escaped). Returns false when damaged.</summary>
    public static bool TryParse(ReadOnlySpan<byte> nal, out HevcVpsInfo? info)
    {
        info = null;
        if (HevcNalUnitType.Of(nal) != HevcNalUnitType.Vps || nal.Length < 3)
        {
            return false;
        }

        Span<byte> scratch = nal.Length <= 512 ? stackalloc byte[512] : new byte[nal.Length];
        var reader = new BitReader(Rbsp.UnescapeIfNeeded(nal, scratch)[2..]);
        var vpsId = (int)reader.U(4);
        reader.Skip(2 + 6); // vps_base_layer_internal/available flags, vps_max_layers_minus1
        var maxSubLayersMinus1 = (int)reader.U(3);
        var nesting = reader.Flag();
        reader.Skip(16); // vps_reserved_0xffff_16bits
        if (reader.Failed || maxSubLayersMinus1 > 6
            || !HevcProfileTierLevel.TryRead(ref reader, maxSubLayersMinus1, out var ptl))
        {
            return false;
        }

        info = new HevcVpsInfo(vpsId, maxSubLayersMinus1 + 1, nesting, ptl);
        return true;
    }
}
