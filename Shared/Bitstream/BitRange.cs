namespace Vtr.Shared.Bitstream;

/// <summary>A run of bits inside an RBSP: where a syntax element starts and how many bits it takes.</summary>
public readonly record struct BitRange(long Start, long Length)
{
    public long End => Start + Length;
}
