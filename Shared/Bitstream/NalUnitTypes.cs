namespace Vtr.Shared.Bitstream;

/// <summary>H.264 nal_unit_type values we act on (ITU-T H.264 Table 7-1).</summary>
public static class H264NalUnitType
{
    public const int NonIdrSlice = 1;
    public const int Idr = 5;
    public const int Sei = 6;
    public const int Sps = 7;
    public const int Pps = 8;
    public const int SpsExtension = 13;

    /// <summary>The type sits in the low 5 bits of the one-byte header.</summary>
    public static int Of(ReadOnlySpan<byte> nal) => nal.IsEmpty ? -1 : nal[0] & 0x1F;
}

/// <summary>HEVC nal_unit_type values we act on (ITU-T H.265 Table 7-1).</summary>
public static class HevcNalUnitType
{
    public const int FirstIrap = 16;
    public const int LastIrap = 23;
    public const int Vps = 32;
    public const int Sps = 33;
    public const int Pps = 34;
    public const int PrefixSei = 39;
    public const int SuffixSei = 40;

    /// <summary>The type is bits 1..6 of the first header byte (after forbidden_zero_bit).</summary>
    public static int Of(ReadOnlySpan<byte> nal) => nal.IsEmpty ? -1 : (nal[0] >> 1) & 0x3F;

    /// <summary>IRAP pictures (BLA, IDR, CRA and the reserved IRAP types) start a decodable point.</summary>
    public static bool IsIrap(int type) => type is >= FirstIrap and <= LastIrap;
}
