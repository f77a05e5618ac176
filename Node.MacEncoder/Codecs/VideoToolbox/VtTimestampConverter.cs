using Vtr.Node.Codecs.VideoToolbox.Interop;
using Vtr.Shared.Media;

namespace Vtr.Node.Codecs.VideoToolbox;

/// <summary>
/// Session ticks ↔ CMTime exactly as WIRE.md §6.4: numerator and denominator are clamped to ≥1; input time is
/// CMTime(ticks·num, den); output ticks are value·den / timescale / num, truncating toward zero.
/// </summary>
public sealed class VtTimestampConverter
{
    public VtTimestampConverter(Rational timeBase)
    {
        Numerator = Math.Max(1L, timeBase.Numerator);
        Denominator = Math.Clamp((long)timeBase.Denominator, 1L, int.MaxValue);
    }

    public long Numerator { get; }

    /// <summary>The CMTime timescale used for input (the time-base denominator, clamped to 1..int.MaxValue).</summary>
    public long Denominator { get; }

    public CMTime ToCMTime(long ticks) => new(checked(ticks * Numerator), (int)Denominator);

    /// <summary>Ticks for a numeric CMTime; false (and 0) for an invalid or non-numeric one.</summary>
    public bool TryToTicks(CMTime time, out long ticks)
    {
        if (!time.IsNumeric || time.Timescale <= 0)
        {
            ticks = 0;
            return false;
        }

        Int128 scaled = (Int128)time.Value * Denominator;
        scaled /= time.Timescale;
        scaled /= Numerator;
        ticks = (long)scaled;
        return true;
    }
}
