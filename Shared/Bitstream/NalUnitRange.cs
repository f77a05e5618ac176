namespace Vtr.Shared.Bitstream;

/// <summary>Where one NAL unit (header included, start code or length prefix excluded) lies in its buffer.</summary>
public readonly record struct NalUnitRange(int Offset, int Length)
{
    public int End => Offset + Length;
}
