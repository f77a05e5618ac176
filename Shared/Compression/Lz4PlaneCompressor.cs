using K4os.Compression.LZ4;
using Vtr.Shared.Wire;

namespace Vtr.Shared.Compression;

/// <summary>wire_compression 1: one LZ4 block per plane (no frame, no size prefix), level LZ4_compress_default.</summary>
public sealed class Lz4PlaneCompressor : IPlaneCompressor
{
    public static Lz4PlaneCompressor Instance { get; } = new();

    public int MaxCompressedLength(int rawLength) => rawLength == 0 ? 0 : LZ4Codec.MaximumOutputSize(rawLength);

    public int Compress(ReadOnlySpan<byte> raw, Span<byte> destination)
    {
        if (raw.IsEmpty)
        {
            return 0;
        }

        var written = LZ4Codec.Encode(raw, destination, LZ4Level.L00_FAST);
        return written >= 0
            ? written
            : throw new ArgumentException("destination is smaller than MaxCompressedLength", nameof(destination));
    }

    public void Decompress(ReadOnlySpan<byte> compressed, Span<byte> destination)
    {
        if (compressed.IsEmpty && destination.IsEmpty)
        {
            return;
        }

        var decoded = LZ4Codec.Decode(compressed, destination);
        if (decoded != destination.Length)
        {
            throw Vtr1ProtocolException.Malformed(decoded < 0
                ? "corrupt LZ4 block (or it inflates past stride × height)"
                : $"LZ4 block inflates to {decoded} bytes, stride × height is {destination.Length}");
        }
    }
}
