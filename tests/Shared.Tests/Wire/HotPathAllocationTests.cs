using System.Buffers;
using Vtr.Shared.Media;
using Vtr.Shared.Wire;

namespace Vtr.Shared.Tests.Wire;

/// <summary>The per-frame writers allocate nothing once the output buffer and compressor contexts are warm.</summary>
public sealed class HotPathAllocationTests
{
    [Theory]
    [InlineData(WireCompression.None)]
    [InlineData(WireCompression.Lz4)]
    [InlineData(WireCompression.Zstd)]
    public void Static_frame_and_packet_writers_allocate_nothing_when_warm(WireCompression compression)
    {
        var luma = Enumerable.Range(0, 64 * 32).Select(i => (byte)(i / 7)).ToArray();
        var chroma = new byte[64 * 16];
        PlaneView[] planes = [new(luma, 64, 32), new(chroma, 64, 16)];
        byte[] packet = [0, 0, 0, 1, 0x65, 0x88];
        var output = new ArrayBufferWriter<byte>(64 * 1024);
        WriteBoth(output, planes, packet, compression);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10; i++)
        {
            WriteBoth(output, planes, packet, compression);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static void WriteBoth(ArrayBufferWriter<byte> output, PlaneView[] planes, byte[] packet, WireCompression compression)
    {
        output.ResetWrittenCount();
        FrameMessage.Write(output, 1, 1, 0, planes, compression);
        PacketMessage.Write(output, 1, 1, 1, 1, packet);
    }
}
