using System.Buffers;
using Vtr.Node.Codecs;
using Vtr.Node.Sessions;
using Vtr.Shared.Media;
using Vtr.Shared.Wire;

namespace Vtr.Node.MacEncoder.Tests.Sessions;

/// <summary>Pictures are written as FRAMEs on the codec's thread; the bytes must be those the session used to write.</summary>
public sealed class OutboundFrameTests
{
    [Theory]
    [InlineData(WireCompression.None)]
    [InlineData(WireCompression.Lz4)]
    [InlineData(WireCompression.Zstd)]
    public void Outbound_frame_holds_exactly_the_bytes_of_FrameMessage_Write(WireCompression compression)
    {
        using var picture = Picture(width: 64, height: 32, pts: 42);
        var expected = new ArrayBufferWriter<byte>();
        FrameMessage.Write(expected, picture.Pts, picture.Duration, 0, [picture.Luma, picture.Chroma], compression);

        using var frame = OutboundFrame.Write(picture, compression, ArrayPool<byte>.Shared);

        Assert.Equal(expected.WrittenSpan.ToArray(), frame.Message.ToArray());
        Assert.Equal(42, frame.Pts);
        Assert.Equal(64 * 32 * 3 / 2, frame.PictureBytes);
    }

    [Fact]
    public void Outbound_frame_returns_its_buffer_once_disposed()
    {
        using var picture = Picture(width: 16, height: 16, pts: 0);
        var frame = OutboundFrame.Write(picture, WireCompression.Lz4, ArrayPool<byte>.Shared);

        frame.Dispose();

        Assert.Throws<ObjectDisposedException>(() => frame.Message);
    }

    private static DecodedPicture Picture(int width, int height, long pts)
    {
        var owner = MemoryPool<byte>.Shared.Rent(width * height * 3 / 2);
        var bytes = owner.Memory.Span[..(width * height * 3 / 2)];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)(i * 7 % 251); // compressible but not constant
        }

        return new DecodedPicture(owner, WirePixelFormat.Nv12, width, height, width, height, width, height / 2, pts, 1);
    }
}
