using System.Collections.Immutable;
using System.IO.Pipelines;
using Vtr.Shared.Media;
using Vtr.Shared.Wire;

namespace Vtr.Shared.Tests.Wire;

/// <summary>
/// <see cref="Vtr1PipeReader"/> given the stream under its pipe reads large raw FRAME planes from the stream itself.
/// The stream here hands out at most a chunk per read, so plane data arrives split between pipe and stream at every
/// kind of boundary.
/// </summary>
public sealed class DirectFrameReadTests
{
    private const int Width = 640;
    private const int Height = 480;

    [Theory]
    [InlineData(7)]
    [InlineData(4093)]
    [InlineData(65536)]
    [InlineData(1 << 20)]
    public async Task Large_raw_frames_between_other_messages_read_the_same_as_through_the_pipe(int chunk)
    {
        using var first = Frame(1, sideData: []);
        using var second = Frame(2, sideData: [new SideDataEntry(1, new byte[] { 0xfc, 0x80, 0x80 })]);
        IVtr1Message[] sent = [PingMessage.Instance, first, new PacketMessage(3, 3, 1, 1, new byte[] { 0, 0, 1, 0x65 }), second, FlushMessage.Instance];
        var bytes = sent.SelectMany(m => WireBytes.Of(m)).ToArray();

        var received = await ReadAllAsync(bytes, chunk);

        Assert.Equal(sent.Length, received.Count);
        Assert.Equal(sent.Select(m => m.Type), received.Select(m => m.Type));
        AssertSameFrame(first, Assert.IsType<FrameMessage>(received[1]));
        AssertSameFrame(second, Assert.IsType<FrameMessage>(received[3]));
        Assert.Equal(sent[2], received[2]);
        received.ForEach(m => (m as IDisposable)?.Dispose());
    }

    [Fact]
    public async Task A_stream_ending_inside_a_plane_is_malformed()
    {
        using var frame = Frame(1, sideData: []);
        var bytes = WireBytes.Of(frame);

        var error = await Assert.ThrowsAsync<Vtr1ProtocolException>(() => ReadAllAsync(bytes[..(bytes.Length / 2)], 65536));

        Assert.Equal(Vtr1ErrorCode.Malformed, error.Code);
    }

    [Fact]
    public async Task A_raw_plane_whose_data_len_is_not_stride_times_height_is_malformed()
    {
        using var frame = Frame(1, sideData: []);
        var bytes = WireBytes.Of(frame);
        bytes[Vtr1Header.Size + 21 + 11]++; // the first plane's data_len, low byte

        var error = await Assert.ThrowsAsync<Vtr1ProtocolException>(() => ReadAllAsync(bytes, 65536));

        Assert.Contains("stride × height", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plane_over_the_limit_is_refused_from_its_head()
    {
        using var frame = Frame(1, sideData: []);
        var limits = Vtr1Limits.Default with { MaxPlaneBytes = 100_000 };

        var error = await Assert.ThrowsAsync<Vtr1ProtocolException>(() => ReadAllAsync(WireBytes.Of(frame), 65536, limits));

        Assert.Contains("exceeds the limit", error.Message, StringComparison.Ordinal);
    }

    private static FrameMessage Frame(int seed, ImmutableArray<SideDataEntry> sideData)
    {
        var luma = new byte[Width * Height];
        var chroma = new byte[Width * Height / 2];
        new Random(seed).NextBytes(luma);
        new Random(seed + 100).NextBytes(chroma);
        return new FrameMessage(seed * 1000, 40, (uint)seed & 1, [new FramePlane(Width, Height, luma), new FramePlane(Width, Height / 2, chroma)], sideData);
    }

    private static void AssertSameFrame(FrameMessage expected, FrameMessage actual)
    {
        Assert.Equal((expected.Pts, expected.Duration, expected.Flags), (actual.Pts, actual.Duration, actual.Flags));
        Assert.Equal(expected.Planes, actual.Planes);
        Assert.Equal(expected.SideData.ToArray(), actual.SideData.ToArray());
    }

    private static async Task<List<IVtr1Message>> ReadAllAsync(byte[] bytes, int chunk, Vtr1Limits? limits = null)
    {
        var stream = new ChunkedReadStream(bytes, chunk);
        var pipe = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, minimumReadSize: 16 * 1024));
        var reader = new Vtr1PipeReader(pipe, limits ?? Vtr1Limits.Default, directSource: stream);
        var messages = new List<IVtr1Message>();
        try
        {
            while (await reader.ReadAsync(WireCompression.None, CancellationToken.None) is { } message)
            {
                messages.Add(message);
            }
        }
        catch
        {
            messages.ForEach(m => (m as IDisposable)?.Dispose());
            throw;
        }

        Assert.True(stream.DirectReads > 0 || chunk >= bytes.Length, "no plane was read past the pipe");
        return messages;
    }

    /// <summary>A read-only stream that returns at most <c>chunk</c> bytes per read and counts reads bigger than the pipe asks for.</summary>
    private sealed class ChunkedReadStream(byte[] data, int chunk) : Stream
    {
        private int _position;

        public int DirectReads { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => data.Length;

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var length = Math.Min(Math.Min(buffer.Length, chunk), data.Length - _position);
            data.AsSpan(_position, length).CopyTo(buffer);
            _position += length;
            return length;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            // The pipe reads into its 64 KiB segments; a bigger destination can only be a plane read directly.
            if (buffer.Length > 64 * 1024)
            {
                DirectReads++;
            }

            return ValueTask.FromResult(Read(buffer.Span));
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
