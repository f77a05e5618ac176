using System.Buffers;
using Vtr.Shared.Wire;

namespace Vtr.Shared.Compression;

/// <summary>wire_compression 0: planes travel raw, so data_len equals stride × height.</summary>
public sealed class NoPlaneCompressor : IPlaneCompressor
{
    public static NoPlaneCompressor Instance { get; } = new();

    public int MaxCompressedLength(int rawLength) => rawLength;

    public int Compress(ReadOnlySpan<byte> raw, Span<byte> destination)
    {
        raw.CopyTo(destination);
        return raw.Length;
    }

    public void Decompress(ReadOnlySpan<byte> compressed, Span<byte> destination)
    {
        CheckLength(compressed.Length, destination.Length);
        compressed.CopyTo(destination);
    }

    /// <summary>Copies segment by segment straight into the plane: no scratch buffer, one copy.</summary>
    public void Decompress(in ReadOnlySequence<byte> compressed, Span<byte> destination)
    {
        CheckLength(compressed.Length, destination.Length);
        compressed.CopyTo(destination);
    }

    private static void CheckLength(long carried, int expected)
    {
        if (carried != expected)
        {
            throw Vtr1ProtocolException.Malformed($"raw plane carries {carried} bytes, stride × height is {expected}");
        }
    }
}
