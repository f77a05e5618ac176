using System.IO.Pipelines;
using Vtr.Shared.Media;
using Vtr.Shared.Wire;

namespace Vtr.Shared.Tests.Wire;

public sealed class Vtr1PipeTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Pipe_reader_returns_every_message_when_writes_split_at_random_points(int seed)
    {
        var stream = MalformedInputTests.SampleMessages().SelectMany(bytes => bytes).ToArray();
        var pipe = new Pipe();
        var reader = new Vtr1PipeReader(pipe.Reader, Vtr1Limits.Default);
        var writing = WriteInRandomChunksAsync(pipe.Writer, stream, new Random(seed));

        var types = new List<Vtr1MessageType>();
        while (await reader.ReadAsync(WireCompression.None, CancellationToken.None) is { } message)
        {
            types.Add(message.Type);
            (message as IDisposable)?.Dispose();
        }

        await writing;
        Assert.Equal(MalformedInputTests.SampleMessages().Count(), types.Count);
        Assert.Equal(Vtr1MessageType.Flush, types[^1]);
    }

    [Fact]
    public async Task Pipe_reader_reports_an_end_of_stream_inside_a_message_as_malformed()
    {
        var pipe = new Pipe();
        var bytes = WireBytes.Of(new PacketMessage(1, 1, 1, 1, new byte[] { 9, 9 }));
        await pipe.Writer.WriteAsync(bytes.AsMemory(0, bytes.Length - 1));
        await pipe.Writer.CompleteAsync();
        var reader = new Vtr1PipeReader(pipe.Reader, Vtr1Limits.Default);

        var error = await Assert.ThrowsAsync<Vtr1ProtocolException>(async () => await reader.ReadAsync(WireCompression.None, CancellationToken.None));

        Assert.Equal(Vtr1ErrorCode.Malformed, error.Code);
    }

    [Fact]
    public async Task Pipe_reader_rejects_an_oversized_header_without_waiting_for_the_body()
    {
        var pipe = new Pipe();
        var header = new byte[Vtr1Header.Size];
        Vtr1Header.Write(header, Vtr1MessageType.Packet, 1000);
        await pipe.Writer.WriteAsync(header);
        var reader = new Vtr1PipeReader(pipe.Reader, Vtr1Limits.Default with { MaxPayloadBytes = 999 });

        await Assert.ThrowsAsync<Vtr1ProtocolException>(async () => await reader.ReadAsync(WireCompression.None, CancellationToken.None));
    }

    [Fact]
    public async Task Pipe_writer_and_reader_round_trip_a_compressed_frame_and_a_hot_path_packet()
    {
        var pipe = new Pipe();
        var writer = new Vtr1PipeWriter(pipe.Writer) { FrameCompression = WireCompression.Zstd };
        var luma = Enumerable.Range(0, 64).Select(i => (byte)i).ToArray();
        var chroma = new byte[32];
        using var frame = new FrameMessage(5, 1, 1, [new FramePlane(8, 8, luma), new FramePlane(8, 4, chroma)]);

        await writer.SendAsync(frame, CancellationToken.None);
        PacketMessage.Write(writer.Output, 5, 4, 1, 1, [0, 0, 0, 1, 0x65]);
        await writer.FlushAsync(CancellationToken.None);
        await writer.SendAsync(DoneMessage.Instance, CancellationToken.None);
        await pipe.Writer.CompleteAsync();

        var reader = new Vtr1PipeReader(pipe.Reader, Vtr1Limits.Default);
        using (var received = Assert.IsType<FrameMessage>(await reader.ReadAsync(WireCompression.Zstd, CancellationToken.None)))
        {
            Assert.Equal(frame.Planes, received.Planes);
        }

        Assert.Equal(new PacketMessage(5, 4, 1, 1, new byte[] { 0, 0, 0, 1, 0x65 }), await reader.ReadAsync(WireCompression.Zstd, CancellationToken.None));
        Assert.Same(DoneMessage.Instance, await reader.ReadAsync(WireCompression.Zstd, CancellationToken.None));
        Assert.Null(await reader.ReadAsync(WireCompression.Zstd, CancellationToken.None));
    }

    private static async Task WriteInRandomChunksAsync(PipeWriter writer, byte[] stream, Random random)
    {
        var offset = 0;
        while (offset < stream.Length)
        {
            var length = Math.Min(random.Next(1, 24), stream.Length - offset);
            await writer.WriteAsync(stream.AsMemory(offset, length));
            offset += length;
        }

        await writer.CompleteAsync();
    }
}
