using Vtr.Shared.Media;
using Vtr.Shared.Wire;

namespace Vtr.Shared.Compression;

/// <summary>Maps a <see cref="WireCompression"/> value to its (stateless, shareable) compressor.</summary>
public static class PlaneCompressors
{
    public static IPlaneCompressor For(WireCompression compression) => compression switch
    {
        WireCompression.None => NoPlaneCompressor.Instance,
        WireCompression.Lz4 => Lz4PlaneCompressor.Instance,
        WireCompression.Zstd => ZstdPlaneCompressor.Instance,
        _ => throw new Vtr1ProtocolException(
            Vtr1ErrorCode.UnsupportedConfiguration, $"unsupported wire_compression={(byte)compression}"),
    };
}
