using System.Collections.Immutable;
using Vtr.Shared.Media;
using Vtr.Shared.Wire;

namespace Vtr.Shared.Tests.Wire;

/// <summary>The hand-computed vectors of shared/vtr1/vectors.md (V1..V10), parsed and written.</summary>
public sealed class GoldenVectorTests
{
    internal const string V5Uncompressed = """
        56 54 52 31 00 01 00 05 00 00 00 39
        00 00 00 00 00 00 00 01 00 00 00 00 00 00 00 01
        00 00 00 01 02 00 00 00 04 00 00 00 02 00 00 00
        08 10 11 12 13 20 21 22 23 00 00 00 04 00 00 00
        01 00 00 00 04 80 81 82 83
        """;

    internal const string V5bLz4 = """
        56 54 52 31 00 01 00 05 00 00 00 3b
        00 00 00 00 00 00 00 01 00 00 00 00 00 00 00 01
        00 00 00 01 02 00 00 00 04 00 00 00 02 00 00 00
        09 80 10 11 12 13 20 21 22 23 00 00 00 04 00 00
        00 01 00 00 00 05 40 80 81 82 83
        """;

    internal const string V5cZstd = """
        56 54 52 31 00 01 00 05 00 00 00 4b
        00 00 00 00 00 00 00 01 00 00 00 00 00 00 00 01
        00 00 00 01 02 00 00 00 04 00 00 00 02 00 00 00
        11 28 b5 2f fd 20 08 41 00 00 10 11 12 13 20 21
        22 23 00 00 00 04 00 00 00 01 00 00 00 0d 28 b5
        2f fd 20 04 21 00 00 80 81 82 83
        """;

    internal const string V5dSideData = """
        56 54 52 31 00 01 00 05 00 00 00 45
        00 00 00 00 00 00 00 01 00 00 00 00 00 00 00 01
        00 00 00 01 02 00 00 00 04 00 00 00 02 00 00 00
        08 10 11 12 13 20 21 22 23 00 00 00 04 00 00 00
        01 00 00 00 04 80 81 82 83 01 00 00 00 01 00 00
        00 03 fc 80 80
        """;

    internal static readonly byte[] YPlane = [0x10, 0x11, 0x12, 0x13, 0x20, 0x21, 0x22, 0x23];
    internal static readonly byte[] UvPlane = [0x80, 0x81, 0x82, 0x83];

    [Fact]
    public void V1_hello_parses_and_writes_byte_for_byte()
    {
        var bytes = Hex.Parse("""
            56 54 52 31 00 01 00 01 00 00 00 21
            00 03 74 6f 6b 00 04 68 32 36 34 00 0f 66 66 6d
            70 65 67 2d 76 74 72 65 6d 6f 74 65 00 03 37 2e
            31
            """);
        var expected = new HelloMessage("tok", "h264", "ffmpeg-vtremote", "7.1");

        Assert.Equal(expected, WireBytes.Parse(bytes));
        Assert.Equal(bytes, WireBytes.Of(expected));
    }

    [Fact]
    public void V2_hello_ack_as_the_swift_server_writes_it_parses_and_writes_byte_for_byte()
    {
        var bytes = Hex.Parse("""
            56 54 52 31 00 01 00 02 00 00 00 16
            00 00 00 00 00 02 00 04 68 32 36 34 00 04 68 65
            76 63 00 04 00 01
            """);
        var expected = new HelloAckMessage(HelloStatus.Ok, "", "", ["h264", "hevc"], 4, 1);

        Assert.Equal(expected, WireBytes.Parse(bytes));
        Assert.Equal(bytes, WireBytes.Of(expected));
    }

    [Fact]
    public void V2_hello_ack_of_only_a_status_byte_is_accepted_with_defaults()
    {
        var message = Assert.IsType<HelloAckMessage>(WireBytes.Parse(Hex.Parse("56 54 52 31 00 01 00 02 00 00 00 01 02")));

        Assert.Equal(HelloStatus.AuthFailed, message.Status);
        Assert.Empty(message.Capabilities);
        Assert.Equal(0, message.MaxSessions);
    }

    [Fact]
    public void V3_configure_parses_and_writes_byte_for_byte()
    {
        var bytes = Hex.Parse("""
            56 54 52 31 00 01 00 03 00 00 00 3e
            00 00 01 40 00 00 00 b4 01 00 00 00 01 00 00 00
            1e 00 00 00 1e 00 00 00 01 00 02 00 04 6d 6f 64
            65 00 06 65 6e 63 6f 64 65 00 07 62 69 74 72 61
            74 65 00 06 33 30 30 30 30 30 00 00 00 00
            """);
        var expected = new ConfigureMessage(
            320, 180, WirePixelFormat.Nv12, new Rational(1, 30), new Rational(30, 1),
            [new("mode", "encode"), new("bitrate", "300000")], Array.Empty<byte>());

        var parsed = Assert.IsType<ConfigureMessage>(WireBytes.Parse(bytes));
        Assert.Equal(expected, parsed);
        Assert.Equal("encode", parsed.GetOption("mode"));
        Assert.Equal(WireCompression.None, parsed.Compression);
        Assert.Equal(bytes, WireBytes.Of(expected));
    }

    [Fact]
    public void V4_configure_ack_with_avcc_parses_and_writes_byte_for_byte()
    {
        var bytes = Hex.Parse("""
            56 54 52 31 00 01 00 04 00 00 00 16
            00 00 11 01 42 c0 1e ff e1 00 04 67 42 c0 1e 01
            00 02 68 ce 01 00
            """);
        var avcc = Hex.Parse("01 42 c0 1e ff e1 00 04 67 42 c0 1e 01 00 02 68 ce");
        var expected = new ConfigureAckMessage(0, avcc, WirePixelFormat.Nv12, []);

        Assert.Equal(expected, WireBytes.Parse(bytes));
        Assert.Equal(bytes, WireBytes.Of(expected));
    }

    [Theory]
    [InlineData(V5Uncompressed, WireCompression.None)]
    [InlineData(V5bLz4, WireCompression.Lz4)]
    [InlineData(V5cZstd, WireCompression.Zstd)]
    public void V5_frame_decompresses_to_the_same_planes_and_writes_byte_for_byte(string hex, WireCompression compression)
    {
        var bytes = Hex.Parse(hex);

        using var frame = Assert.IsType<FrameMessage>(WireBytes.Parse(bytes, compression));

        Assert.Equal(1, frame.Pts);
        Assert.Equal(1, frame.Duration);
        Assert.True(frame.ForceKeyframe);
        Assert.Equal(2, frame.Planes.Count);
        Assert.Equal(new FramePlane(4, 2, YPlane), frame.Planes[0]);
        Assert.Equal(new FramePlane(4, 1, UvPlane), frame.Planes[1]);
        Assert.Empty(frame.SideData);
        Assert.Equal(bytes, WireBytes.OfFrame(frame, compression));
    }

    [Fact]
    public void V5d_frame_side_data_trailer_parses_and_writes_byte_for_byte()
    {
        var bytes = Hex.Parse(V5dSideData);

        using var frame = Assert.IsType<FrameMessage>(WireBytes.Parse(bytes));

        var entry = Assert.Single(frame.SideData);
        Assert.Equal(new SideDataEntry(1, new byte[] { 0xfc, 0x80, 0x80 }), entry);
        Assert.Equal(bytes, WireBytes.Of(frame));
    }

    [Fact]
    public void V5_static_writer_emits_the_vector_from_plane_views()
    {
        var output = new System.Buffers.ArrayBufferWriter<byte>();
        PlaneView[] planes = [new(YPlane, 4, 2), new(UvPlane, 4, 1)];

        FrameMessage.Write(output, 1, 1, 1, planes, WireCompression.None);

        Assert.Equal(Hex.Parse(V5Uncompressed), output.WrittenSpan.ToArray());
    }

    [Fact]
    public void V5_raw_heads_and_the_plane_bytes_between_them_are_the_vector()
    {
        PlaneView[] planes = [new(YPlane, 4, 2), new(UvPlane, 4, 1)];
        var heads = new byte[FrameMessage.RawHeadBytes + FrameMessage.RawPlaneHeadBytes];

        FrameMessage.WriteRawHead(heads, 1, 1, 1, planes);
        FrameMessage.WriteRawPlaneHead(heads.AsSpan(FrameMessage.RawHeadBytes), planes[1]);

        // What a gathering sender puts on the socket: head, luma, second plane head, chroma.
        byte[] gathered = [.. heads[..FrameMessage.RawHeadBytes], .. YPlane, .. heads[FrameMessage.RawHeadBytes..], .. UvPlane];
        Assert.Equal(Hex.Parse(V5Uncompressed), gathered);
    }

    [Fact]
    public void V6_packet_parses_and_writes_byte_for_byte()
    {
        var bytes = Hex.Parse("""
            56 54 52 31 00 01 00 06 00 00 00 28
            00 00 00 00 00 00 00 01 00 00 00 00 00 00 00 01
            00 00 00 00 00 00 00 00 00 00 00 01 00 00 00 08
            00 00 00 01 65 88 84 00
            """);
        var expected = new PacketMessage(1, 1, 0, 1, Hex.Parse("00 00 00 01 65 88 84 00"));

        var parsed = Assert.IsType<PacketMessage>(WireBytes.Parse(bytes));
        Assert.Equal(expected, parsed);
        Assert.True(parsed.IsKeyframe);
        Assert.Equal(bytes, WireBytes.Of(expected));
    }

    [Fact]
    public void V6_packet_carries_negative_and_nopts_timestamps_as_twos_complement()
    {
        var message = new PacketMessage(long.MinValue, -1, 0, 0, Array.Empty<byte>());
        var bytes = WireBytes.Of(message);

        Assert.Equal(Hex.Parse("80 00 00 00 00 00 00 00 ff ff ff ff ff ff ff ff"), bytes[12..28]);
        Assert.Equal(message, WireBytes.Parse(bytes));
    }

    [Theory]
    [InlineData("56 54 52 31 00 01 00 07 00 00 00 00", Vtr1MessageType.Flush)]
    [InlineData("56 54 52 31 00 01 00 08 00 00 00 00", Vtr1MessageType.Done)]
    [InlineData("56 54 52 31 00 01 00 0a 00 00 00 00", Vtr1MessageType.Ping)]
    [InlineData("56 54 52 31 00 01 00 0b 00 00 00 00", Vtr1MessageType.Pong)]
    public void V7_V8_V10_empty_messages_parse_to_their_singletons_and_write_byte_for_byte(string hex, Vtr1MessageType type)
    {
        var bytes = Hex.Parse(hex);

        var message = WireBytes.Parse(bytes);

        Assert.Equal(type, message.Type);
        Assert.Same(message, Vtr1MessageReader.Read(type, default, WireCompression.None, Vtr1Limits.Default));
        Assert.Equal(bytes, WireBytes.Of(message));
    }

    [Fact]
    public void V9_error_parses_and_writes_byte_for_byte()
    {
        var bytes = Hex.Parse("""
            56 54 52 31 00 01 00 09 00 00 00 24
            00 00 00 01 00 1e 75 6e 73 75 70 70 6f 72 74 65
            64 20 77 69 72 65 5f 63 6f 6d 70 72 65 73 73 69
            6f 6e 3d 33
            """);
        var expected = new ErrorMessage((uint)Vtr1ErrorCode.UnsupportedConfiguration, "unsupported wire_compression=3");

        Assert.Equal(expected, WireBytes.Parse(bytes));
        Assert.Equal(bytes, WireBytes.Of(expected));
    }

    [Fact]
    public void V9_mock_error_without_a_length_prefix_keeps_the_code_and_the_raw_text()
    {
        var bytes = Hex.Parse("56 54 52 31 00 01 00 09 00 00 00 11 00 00 00 03 62 61 64 20 66 69 72 73 74 20 6d 73 67");

        Assert.Equal(new ErrorMessage(3, "bad first msg"), WireBytes.Parse(bytes));
    }

    [Fact]
    public void Unknown_type_99_yields_an_unknown_message()
    {
        var message = WireBytes.Parse(Hex.Parse("56 54 52 31 00 01 00 63 00 00 00 00"));

        Assert.Equal(new UnknownMessage(99), message);
    }

    [Fact]
    public void Configure_with_wire_compression_three_is_an_unsupported_configuration()
    {
        var configure = new ConfigureMessage(
            16, 16, WirePixelFormat.Nv12, new Rational(1, 25), new Rational(25, 1),
            ImmutableArray.Create(new KeyValuePair<string, string>("wire_compression", "2"), new KeyValuePair<string, string>("wire_compression", "3")),
            Array.Empty<byte>());

        Assert.False(configure.TryGetCompression(out _));
        var error = Assert.Throws<Vtr1ProtocolException>(() => configure.Compression);
        Assert.Equal(Vtr1ErrorCode.UnsupportedConfiguration, error.Code);
        Assert.Equal("3", configure.GetOption("wire_compression"));
    }
}
