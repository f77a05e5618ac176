namespace Vtr.Shared.Media;

/// <summary>A time base or frame rate as the wire carries it: two unsigned 32-bit integers.</summary>
public readonly record struct Rational(uint Numerator, uint Denominator)
{
    public bool IsPositive => Numerator > 0 && Denominator > 0;

    public double ToDouble() => Denominator == 0 ? 0 : (double)Numerator / Denominator;

    public override string ToString() => $"{Numerator}/{Denominator}";
}
