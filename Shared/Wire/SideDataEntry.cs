namespace Vtr.Shared.Wire;

/// <summary>One FRAME side-data entry (u32 type, u32 size, bytes); type 1 is FFmpeg's A53 closed captions.</summary>
public readonly record struct SideDataEntry(uint Type, ReadOnlyMemory<byte> Data)
{
    public bool Equals(SideDataEntry other) => Type == other.Type && Data.Span.SequenceEqual(other.Data.Span);

    public override int GetHashCode() => HashCode.Combine(Type, Data.Length);
}
