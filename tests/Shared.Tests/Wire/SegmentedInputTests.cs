using System.Buffers;
using Vtr.Shared.Media;
using Vtr.Shared.Wire;

namespace Vtr.Shared.Tests.Wire;

public sealed class SegmentedInputTests
{
    [Fact]
    public void Every_message_fed_as_one_byte_segments_parses_to_what_the_whole_buffer_parses_to()
    {
        foreach (var bytes in MalformedInputTests.SampleMessages())
        {
            var segmented = WireBytes.Parse(ChunkedSequence.OneBytePerSegment(bytes));
            var whole = WireBytes.Parse(bytes);
            try
            {
                // Same type and, written back out, the same bytes — which are the input's own.
                Assert.Equal(whole.Type, segmented.Type);
                Assert.Equal(WireBytes.Of(whole), WireBytes.Of(segmented));
                Assert.Equal(bytes, WireBytes.Of(segmented));
            }
            finally
            {
                (segmented as IDisposable)?.Dispose();
                (whole as IDisposable)?.Dispose();
            }
        }
    }

    [Theory]
    [InlineData(WireCompression.Lz4, GoldenVectorTests.V5bLz4)]
    [InlineData(WireCompression.Zstd, GoldenVectorTests.V5cZstd)]
    public void Compressed_planes_split_across_one_byte_segments_decompress_to_the_vector(WireCompression compression, string hex)
    {
        var bytes = Hex.Parse(hex);

        using var frame = Assert.IsType<FrameMessage>(WireBytes.Parse(ChunkedSequence.OneBytePerSegment(bytes), compression));

        Assert.Equal(bytes, WireBytes.OfFrame(frame, compression));
    }

    [Fact]
    public void Several_messages_in_one_buffer_are_read_in_order_and_the_buffer_ends_empty()
    {
        var all = MalformedInputTests.SampleMessages().ToArray();
        var stream = all.SelectMany(bytes => bytes).ToArray();
        var buffer = ChunkedSequence.Split(stream, [5, 7, 100, 3, 1, 40]);
        var types = new List<Vtr1MessageType>();

        while (Vtr1FrameReader.TryRead(ref buffer, Vtr1Limits.Default, out var type, out var payload))
        {
            types.Add(type);
            (Vtr1MessageReader.Read(type, payload, WireCompression.None, Vtr1Limits.Default) as IDisposable)?.Dispose();
        }

        Assert.True(buffer.IsEmpty);
        Assert.Equal(
            [Vtr1MessageType.Hello, Vtr1MessageType.HelloAck, Vtr1MessageType.Configure, Vtr1MessageType.ConfigureAck,
             Vtr1MessageType.Frame, Vtr1MessageType.Packet, Vtr1MessageType.Error, Vtr1MessageType.Flush],
            types);
    }

    [Fact]
    public void Header_straddling_segments_is_parsed_and_an_incomplete_body_leaves_the_buffer_untouched()
    {
        var bytes = WireBytes.Of(new PacketMessage(7, 7, 1, 0, new byte[] { 1, 2, 3, 4 }));
        var partial = ChunkedSequence.Split(bytes[..20], [3, 4, 2]);

        Assert.False(Vtr1FrameReader.TryRead(ref partial, Vtr1Limits.Default, out _, out _));
        Assert.Equal(20, partial.Length);
    }
}
