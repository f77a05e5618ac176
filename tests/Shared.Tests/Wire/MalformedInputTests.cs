using System.Buffers;
using System.Buffers.Binary;
using Vtr.Shared.Media;
using Vtr.Shared.Wire;

namespace Vtr.Shared.Tests.Wire;

public sealed class MalformedInputTests
{
    internal static readonly Vtr1Limits Limits = Vtr1Limits.Default;

    [Theory]
    [InlineData("de ad be ef 00 01 00 0a 00 00 00 00")]
    [InlineData("56 54 52 31 00 02 00 0a 00 00 00 00")]
    public void Frame_reader_rejects_a_bad_magic_or_version_as_malformed(string hex)
    {
        var buffer = new ReadOnlySequence<byte>(Hex.Parse(hex));

        var error = Assert.Throws<Vtr1ProtocolException>(() => Vtr1FrameReader.TryRead(ref buffer, Limits, out _, out _));

        Assert.Equal(Vtr1ErrorCode.Malformed, error.Code);
    }

    [Fact]
    public void Frame_reader_rejects_an_oversized_length_before_the_body_arrives()
    {
        var header = new byte[Vtr1Header.Size];
        Vtr1Header.Write(header, Vtr1MessageType.Frame, Limits.MaxPayloadBytes + 1);
        var buffer = new ReadOnlySequence<byte>(header);

        var error = Assert.Throws<Vtr1ProtocolException>(() => Vtr1FrameReader.TryRead(ref buffer, Limits, out _, out _));

        Assert.Equal(Vtr1ErrorCode.Malformed, error.Code);
    }

    [Fact]
    public void Frame_reader_rejects_a_length_above_a_custom_limit()
    {
        var bytes = WireBytes.Of(new HelloMessage("t", "h264", "c", "b"));
        var buffer = new ReadOnlySequence<byte>(bytes[..Vtr1Header.Size]);

        Assert.Throws<Vtr1ProtocolException>(() => Vtr1FrameReader.TryRead(ref buffer, Limits with { MaxPayloadBytes = 4 }, out _, out _));
    }

    [Fact]
    public void Frame_reader_needs_more_data_at_every_truncation_of_every_message_and_never_moves_the_buffer()
    {
        foreach (var bytes in SampleMessages())
        {
            for (var length = 0; length < bytes.Length; length++)
            {
                var buffer = new ReadOnlySequence<byte>(bytes, 0, length);
                var before = buffer;

                Assert.False(Vtr1FrameReader.TryRead(ref buffer, Limits, out _, out _));
                Assert.Equal(before, buffer);
            }
        }
    }

    [Fact]
    public void Payload_truncated_at_every_offset_parses_or_throws_a_protocol_exception_never_anything_else()
    {
        foreach (var bytes in SampleMessages())
        {
            var type = (Vtr1MessageType)BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(6));
            for (var length = Vtr1Header.Size; length < bytes.Length; length++)
            {
                var payload = new ReadOnlySequence<byte>(bytes, Vtr1Header.Size, length - Vtr1Header.Size);
                try
                {
                    (Vtr1MessageReader.Read(type, payload, WireCompression.None, Limits) as IDisposable)?.Dispose();
                }
                catch (Vtr1ProtocolException error)
                {
                    Assert.Equal(Vtr1ErrorCode.Malformed, error.Code);
                }
            }
        }
    }

    [Theory]
    [InlineData(Vtr1MessageType.Hello)]
    [InlineData(Vtr1MessageType.Configure)]
    [InlineData(Vtr1MessageType.Packet)]
    [InlineData(Vtr1MessageType.Frame)]
    public void Required_fields_missing_from_an_empty_payload_are_malformed(Vtr1MessageType type)
    {
        var error = Assert.Throws<Vtr1ProtocolException>(() => Vtr1MessageReader.Read(type, default, WireCompression.None, Limits));

        Assert.Equal(Vtr1ErrorCode.Malformed, error.Code);
    }

    [Fact]
    public void String_length_past_the_payload_is_malformed()
    {
        var payload = Hex.Parse("00 10 61 62 63");

        var error = Assert.Throws<Vtr1ProtocolException>(() => HelloMessage.Read(new ReadOnlySequence<byte>(payload), Limits));

        Assert.Equal(Vtr1ErrorCode.Malformed, error.Code);
    }

    [Fact]
    public void String_longer_than_the_limit_is_malformed()
    {
        var bytes = WireBytes.Of(new HelloMessage(new string('x', 100), "h264", "c", "b"));

        Assert.Throws<Vtr1ProtocolException>(() => WireBytes.Parse(bytes, limits: Limits with { MaxStringBytes = 99 }));
    }

    [Fact]
    public void Too_many_configure_options_are_malformed()
    {
        var message = new ConfigureMessage(1, 1, WirePixelFormat.Nv12, new(1, 1), new(1, 1), [new("a", "1"), new("b", "2")], Array.Empty<byte>());

        Assert.Throws<Vtr1ProtocolException>(() => WireBytes.Parse(WireBytes.Of(message), limits: Limits with { MaxOptions = 1 }));
    }

    [Fact]
    public void Configure_with_an_unknown_pixel_format_is_an_unsupported_configuration()
    {
        var bytes = WireBytes.Of(new ConfigureMessage(1, 1, (WirePixelFormat)9, new(1, 1), new(1, 1), [], Array.Empty<byte>()));

        var error = Assert.Throws<Vtr1ProtocolException>(() => WireBytes.Parse(bytes));

        Assert.Equal(Vtr1ErrorCode.UnsupportedConfiguration, error.Code);
    }

    [Fact]
    public void Configure_ack_extradata_length_past_the_payload_is_malformed()
    {
        Assert.Throws<Vtr1ProtocolException>(() => ConfigureAckMessage.Read(new ReadOnlySequence<byte>(Hex.Parse("00 00 05 01 02")), Limits));
    }

    [Fact]
    public void Configure_ack_writer_refuses_extradata_beyond_the_u16_length()
    {
        var message = new ConfigureAckMessage(0, new byte[ushort.MaxValue + 1], WirePixelFormat.Nv12, []);

        Assert.Throws<InvalidOperationException>(() => WireBytes.Of(message));
    }

    [Fact]
    public void Packet_data_length_past_the_payload_is_malformed()
    {
        var bytes = WireBytes.Of(new PacketMessage(1, 1, 0, 0, new byte[] { 1, 2, 3 }));
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(Vtr1Header.Size + 28), 4);

        Assert.Throws<Vtr1ProtocolException>(() => WireBytes.Parse(bytes));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(0)]
    public void Frame_plane_count_outside_two_to_the_limit_is_malformed(byte count)
    {
        var bytes = Hex.Parse(GoldenVectorTests.V5Uncompressed);
        bytes[Vtr1Header.Size + 20] = count;

        var error = Assert.Throws<Vtr1ProtocolException>(() => WireBytes.Parse(bytes));

        Assert.Equal(Vtr1ErrorCode.Malformed, error.Code);
    }

    [Fact]
    public void Frame_plane_data_length_past_the_payload_is_malformed()
    {
        var bytes = Hex.Parse(GoldenVectorTests.V5Uncompressed);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(Vtr1Header.Size + 29), 1000);

        Assert.Throws<Vtr1ProtocolException>(() => WireBytes.Parse(bytes));
    }

    [Fact]
    public void Raw_frame_plane_whose_data_length_differs_from_stride_times_height_is_malformed()
    {
        var bytes = Hex.Parse(GoldenVectorTests.V5Uncompressed);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(Vtr1Header.Size + 25), 3);

        Assert.Throws<Vtr1ProtocolException>(() => WireBytes.Parse(bytes));
    }

    [Theory]
    [InlineData(WireCompression.None)]
    [InlineData(WireCompression.Lz4)]
    [InlineData(WireCompression.Zstd)]
    public void Huge_stride_times_height_is_rejected_before_anything_is_allocated(WireCompression compression)
    {
        var bytes = Hex.Parse(GoldenVectorTests.V5Uncompressed);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(Vtr1Header.Size + 21), 0x7fff_ffff);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(Vtr1Header.Size + 25), 0x7fff_ffff);
        var payload = new ReadOnlySequence<byte>(bytes, Vtr1Header.Size, bytes.Length - Vtr1Header.Size);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Record.Exception(() => FrameMessage.Read(payload, compression, Limits));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(Vtr1ErrorCode.Malformed, Assert.IsType<Vtr1ProtocolException>(error).Code);
        Assert.True(allocated < 64 * 1024, $"{allocated} bytes allocated while rejecting a 4 EiB plane");
    }

    [Fact]
    public void Plane_just_over_a_custom_limit_is_malformed()
    {
        var bytes = Hex.Parse(GoldenVectorTests.V5Uncompressed);

        Assert.Throws<Vtr1ProtocolException>(() => WireBytes.Parse(bytes, limits: Limits with { MaxPlaneBytes = 7 }));
    }

    [Fact]
    public void Too_many_side_data_entries_are_malformed()
    {
        var entries = Enumerable.Range(0, 3).Select(i => new SideDataEntry((uint)i, new byte[] { 1 })).ToArray();
        var output = new ArrayBufferWriter<byte>();
        FrameMessage.Write(output, 0, 0, 0, [new(new byte[4], 2, 2), new(new byte[2], 2, 1)], WireCompression.None, entries);

        Assert.Throws<Vtr1ProtocolException>(() => WireBytes.Parse(output.WrittenSpan.ToArray(), limits: Limits with { MaxSideDataEntries = 2 }));
    }

    [Fact]
    public void Garbage_after_the_planes_is_a_malformed_side_data_trailer()
    {
        var bytes = Hex.Parse(GoldenVectorTests.V5Uncompressed).Concat(new byte[] { 0x01, 0x00 }).ToArray();
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(8), (uint)(bytes.Length - Vtr1Header.Size));

        Assert.Throws<Vtr1ProtocolException>(() => WireBytes.Parse(bytes));
    }

    [Theory]
    [InlineData(WireCompression.Lz4)]
    [InlineData(WireCompression.Zstd)]
    public void Corrupt_compressed_plane_is_malformed(WireCompression compression)
    {
        var bytes = Hex.Parse(compression == WireCompression.Lz4 ? GoldenVectorTests.V5bLz4 : GoldenVectorTests.V5cZstd);
        bytes[Vtr1Header.Size + 33] ^= 0xff;

        var error = Assert.Throws<Vtr1ProtocolException>(() => WireBytes.Parse(bytes, compression));

        Assert.Equal(Vtr1ErrorCode.Malformed, error.Code);
    }

    [Fact]
    public void Zstd_plane_declaring_a_larger_content_size_than_stride_times_height_is_malformed()
    {
        var bytes = Hex.Parse(GoldenVectorTests.V5cZstd);
        bytes[Vtr1Header.Size + 38] = 0x09;

        var error = Assert.Throws<Vtr1ProtocolException>(() => WireBytes.Parse(bytes, WireCompression.Zstd));

        Assert.Contains("declares 9 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reading_a_frame_with_a_compression_value_outside_the_enum_is_an_unsupported_configuration()
    {
        var bytes = Hex.Parse(GoldenVectorTests.V5Uncompressed);

        var error = Assert.Throws<Vtr1ProtocolException>(() => WireBytes.Parse(bytes, (WireCompression)3));

        Assert.Equal(Vtr1ErrorCode.UnsupportedConfiguration, error.Code);
    }

    internal static IEnumerable<byte[]> SampleMessages()
    {
        yield return WireBytes.Of(new HelloMessage("tok", "h264", "ffmpeg-vtremote", "7.1"));
        yield return WireBytes.Of(new HelloAckMessage(HelloStatus.Ok, "vtr", "1.0", ["h264", "hevc"], 4, 1));
        yield return WireBytes.Of(new ConfigureMessage(320, 180, WirePixelFormat.Nv12, new(1, 30), new(30, 1), [new("mode", "encode")], new byte[] { 1, 2, 3 }));
        yield return WireBytes.Of(new ConfigureAckMessage(0, new byte[] { 1, 2 }, WirePixelFormat.P010, ["careful"]));
        yield return Hex.Parse(GoldenVectorTests.V5Uncompressed);
        yield return WireBytes.Of(new PacketMessage(1, 0, 1, 1, new byte[] { 0, 0, 0, 1, 0x65 }));
        yield return WireBytes.Of(new ErrorMessage(5, "malformed"));
        yield return WireBytes.Of(FlushMessage.Instance);
    }
}
