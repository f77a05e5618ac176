using System.Buffers;

namespace Vtr.Shared.Compression;

/// <summary>
/// Packs one raw picture plane for a FRAME. Every plane is compressed independently, even when the
/// result is larger than the input; an empty plane compresses to zero bytes.
/// </summary>
public interface IPlaneCompressor
{
    /// <summary>The largest output <see cref="Compress"/> can produce for <paramref name="rawLength"/> bytes.</summary>
    int MaxCompressedLength(int rawLength);

    /// <summary>Compresses <paramref name="raw"/> into <paramref name="destination"/> and returns the bytes written.</summary>
    int Compress(ReadOnlySpan<byte> raw, Span<byte> destination);

    /// <summary>
    /// Decompresses into <paramref name="destination"/>, whose length is the exact raw size (stride × height).
    /// Corrupt data or any other output size throws <see cref="Wire.Vtr1ProtocolException"/> (Malformed).
    /// </summary>
    void Decompress(ReadOnlySpan<byte> compressed, Span<byte> destination);

    /// <summary>
    /// <see cref="Decompress(ReadOnlySpan{byte}, Span{byte})"/> for data that spans several pipe segments
    /// (a 1080p plane always does). The default joins the segments in a pooled scratch buffer first.
    /// </summary>
    void Decompress(in ReadOnlySequence<byte> compressed, Span<byte> destination)
    {
        if (compressed.IsSingleSegment)
        {
            Decompress(compressed.FirstSpan, destination);
            return;
        }

        var length = checked((int)compressed.Length);
        var scratch = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            compressed.CopyTo(scratch);
            Decompress(scratch.AsSpan(0, length), destination);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }
}
