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
        if (compressed.Length != destination.Length)
        {
            throw Vtr1ProtocolException.Malformed(
                $"raw plane carries {compressed.Length} bytes, stride × height is {destination.Length}");
        }

        compressed.CopyTo(destination);
    }
}
