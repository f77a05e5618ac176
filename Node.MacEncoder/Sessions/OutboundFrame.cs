using System.Buffers;
using Vtr.Node.Buffers;
using Vtr.Node.Codecs;
using Vtr.Shared.Media;
using Vtr.Shared.Wire;

namespace Vtr.Node.Sessions;

/// <summary>
/// A decoded picture already written as one whole VTR1 FRAME message (header included, planes compressed as the
/// session's CONFIGURE asked), in pooled memory. Built on the codec's pinned thread, where the other CPU work of a
/// session runs, so LZ4/zstd never occupy the session's dispatcher thread; the session only copies the bytes out.
/// The last owner disposes it.
/// </summary>
public sealed class OutboundFrame : IDisposable
{
    private readonly PooledBufferWriter _message;

    private OutboundFrame(PooledBufferWriter message, long pts, long pictureBytes)
    {
        _message = message;
        Pts = pts;
        PictureBytes = pictureBytes;
    }

    public long Pts { get; }

    /// <summary>Bytes of the uncompressed planes (the session's statistics count pictures, not wire bytes).</summary>
    public long PictureBytes { get; }

    /// <summary>The FRAME message exactly as it goes on the wire.</summary>
    public ReadOnlyMemory<byte> Message => _message.WrittenMemory;

    /// <summary>Writes <paramref name="picture"/> (which the caller still owns) as a FRAME compressed with <paramref name="compression"/>.</summary>
    public static OutboundFrame Write(DecodedPicture picture, WireCompression compression, ArrayPool<byte> pool)
    {
        ArgumentNullException.ThrowIfNull(picture);
        var luma = picture.Luma;
        var chroma = picture.Chroma;
        var rawBytes = luma.Data.Length + chroma.Data.Length;
        var message = new PooledBufferWriter(pool);
        try
        {
            ReadOnlySpan<PlaneView> planes = [luma, chroma];
            FrameMessage.Write(message, picture.Pts, picture.Duration, 0, planes, compression);
            return new OutboundFrame(message, picture.Pts, rawBytes);
        }
        catch
        {
            message.Dispose();
            throw;
        }
    }

    public void Dispose() => _message.Dispose();
}
