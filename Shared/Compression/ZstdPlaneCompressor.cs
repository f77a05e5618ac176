using Vtr.Shared.Wire;
using ZstdSharp;

namespace Vtr.Shared.Compression;

/// <summary>
/// wire_compression 2: one zstd frame per plane at level 1, content size in the header, no checksum.
/// ZstdSharp contexts are not thread-safe, so each thread keeps its own pair.
/// </summary>
public sealed class ZstdPlaneCompressor : IPlaneCompressor
{
    internal const int Level = 1;

    [ThreadStatic]
    private static Compressor? _threadCompressor;

    [ThreadStatic]
    private static Decompressor? _threadDecompressor;

    public static ZstdPlaneCompressor Instance { get; } = new();

    public int MaxCompressedLength(int rawLength) => rawLength == 0 ? 0 : Compressor.GetCompressBound(rawLength);

    public int Compress(ReadOnlySpan<byte> raw, Span<byte> destination)
    {
        if (raw.IsEmpty)
        {
            return 0;
        }

        _threadCompressor ??= new Compressor(Level);
        return _threadCompressor.Wrap(raw, destination);
    }

    /// <summary>
    /// The declared content size is checked against the expected size first, so a frame claiming a
    /// huge picture is refused without any work.
    /// </summary>
    public void Decompress(ReadOnlySpan<byte> compressed, Span<byte> destination)
    {
        if (compressed.IsEmpty && destination.IsEmpty)
        {
            return;
        }

        if (!ZstdFrameHeader.TryReadContentSize(compressed, out var declared))
        {
            throw Vtr1ProtocolException.Malformed("plane is not a zstd frame");
        }

        if (declared is { } size && size != (ulong)destination.Length)
        {
            throw Vtr1ProtocolException.Malformed(
                $"zstd frame declares {size} bytes, stride × height is {destination.Length}");
        }

        int decoded;
        try
        {
            _threadDecompressor ??= new Decompressor();
            if (!_threadDecompressor.TryUnwrap(compressed, destination, out decoded))
            {
                throw Vtr1ProtocolException.Malformed($"zstd frame inflates past stride × height ({destination.Length} bytes)");
            }
        }
        catch (ZstdException exception)
        {
            throw new Vtr1ProtocolException(Vtr1ErrorCode.Malformed, $"corrupt zstd frame: {exception.Message}", exception);
        }

        if (decoded != destination.Length)
        {
            throw Vtr1ProtocolException.Malformed($"zstd frame inflates to {decoded} bytes, stride × height is {destination.Length}");
        }
    }
}
