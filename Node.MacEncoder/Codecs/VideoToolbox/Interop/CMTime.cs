using System.Runtime.InteropServices;

namespace Vtr.Node.Codecs.VideoToolbox.Interop;

/// <summary>
/// CoreMedia/CMTime.h <c>CMTime</c>: CMTimeValue (int64_t) value, CMTimeScale (int32_t) timescale,
/// CMTimeFlags (uint32_t) flags, CMTimeEpoch (int64_t) epoch; 24 bytes under the header's
/// <c>#pragma pack(push, 4)</c>. Passed by value to VTCompressionSessionEncodeFrame. Plain data: no OS needed.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
public readonly struct CMTime : IEquatable<CMTime>
{
    /// <summary>kCMTimeFlags_Valid.</summary>
    public const uint FlagsValid = 1;

    /// <summary>kCMTimeFlags_HasBeenRounded.</summary>
    public const uint FlagsHasBeenRounded = 2;

    /// <summary>kCMTimeFlags_PositiveInfinity.</summary>
    public const uint FlagsPositiveInfinity = 4;

    /// <summary>kCMTimeFlags_NegativeInfinity.</summary>
    public const uint FlagsNegativeInfinity = 8;

    /// <summary>kCMTimeFlags_Indefinite.</summary>
    public const uint FlagsIndefinite = 16;

    public CMTime(long value, int timescale, uint flags = FlagsValid, long epoch = 0)
    {
        Value = value;
        Timescale = timescale;
        Flags = flags;
        Epoch = epoch;
    }

    public long Value { get; }

    public int Timescale { get; }

    public uint Flags { get; }

    public long Epoch { get; }

    /// <summary>kCMTimeInvalid: all fields zero.</summary>
    public static CMTime Invalid => default;

    public bool IsValid => (Flags & FlagsValid) != 0;

    /// <summary>CMTIME_IS_NUMERIC: valid and neither infinite nor indefinite.</summary>
    public bool IsNumeric =>
        (Flags & (FlagsValid | FlagsPositiveInfinity | FlagsNegativeInfinity | FlagsIndefinite)) == FlagsValid;

    public bool Equals(CMTime other) =>
        Value == other.Value && Timescale == other.Timescale && Flags == other.Flags && Epoch == other.Epoch;

    public override bool Equals(object? obj) => obj is CMTime other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Value, Timescale, Flags, Epoch);

    public static bool operator ==(CMTime left, CMTime right) => left.Equals(right);

    public static bool operator !=(CMTime left, CMTime right) => !left.Equals(right);

    public override string ToString() => IsValid ? $"{Value}/{Timescale}" : "invalid";
}
