namespace Vtr.Shared.Wire;

/// <summary>One decompressed FRAME plane: <see cref="Height"/> rows of <see cref="Stride"/> bytes.</summary>
public readonly record struct FramePlane(int Stride, int Height, ReadOnlyMemory<byte> Data)
{
    public bool Equals(FramePlane other) =>
        Stride == other.Stride && Height == other.Height && Data.Span.SequenceEqual(other.Data.Span);

    public override int GetHashCode() => HashCode.Combine(Stride, Height, Data.Length);
}
