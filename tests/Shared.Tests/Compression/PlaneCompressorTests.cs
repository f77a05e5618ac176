using Vtr.Shared.Compression;
using Vtr.Shared.Media;
using Vtr.Shared.Tests.Wire;
using Vtr.Shared.Wire;

namespace Vtr.Shared.Tests.Compression;

public sealed class PlaneCompressorTests
{
    public static TheoryData<WireCompression> AllCompressions => [WireCompression.None, WireCompression.Lz4, WireCompression.Zstd];

    [Theory]
    [MemberData(nameof(AllCompressions))]
    public void Compressor_round_trips_a_plane_of_picture_like_bytes(WireCompression compression)
    {
        var compressor = PlaneCompressors.For(compression);
        var raw = Enumerable.Range(0, 128 * 72).Select(i => (byte)(i % 128 / 4)).ToArray();
        var packed = new byte[compressor.MaxCompressedLength(raw.Length)];

        var written = compressor.Compress(raw, packed);
        var restored = new byte[raw.Length];
        compressor.Decompress(packed.AsSpan(0, written), restored);

        Assert.Equal(raw, restored);
    }

    [Theory]
    [MemberData(nameof(AllCompressions))]
    public void Compressed_data_split_over_pipe_segments_decompresses_to_the_same_plane(WireCompression compression)
    {
        var compressor = PlaneCompressors.For(compression);
        var raw = Enumerable.Range(0, 64 * 48).Select(i => (byte)(i * 7 % 251)).ToArray();
        var packed = new byte[compressor.MaxCompressedLength(raw.Length)];
        var written = compressor.Compress(raw, packed);
        var segmented = ChunkedSequence.Split(packed[..written], [1, 100, 7, 1000]);

        var restored = new byte[raw.Length];
        compressor.Decompress(segmented, restored);

        Assert.False(segmented.IsSingleSegment);
        Assert.Equal(raw, restored);
        Assert.Throws<Vtr1ProtocolException>(() => compressor.Decompress(segmented, new byte[raw.Length - 1]));
    }

    [Theory]
    [MemberData(nameof(AllCompressions))]
    public void Empty_plane_compresses_to_nothing_and_back(WireCompression compression)
    {
        var compressor = PlaneCompressors.For(compression);

        Assert.Equal(0, compressor.Compress([], []));
        compressor.Decompress([], []);
    }

    [Theory]
    [InlineData(WireCompression.Lz4)]
    [InlineData(WireCompression.Zstd)]
    public void Decompressing_into_a_smaller_or_larger_expected_size_is_malformed(WireCompression compression)
    {
        var compressor = PlaneCompressors.For(compression);
        var raw = new byte[1000];
        Array.Fill(raw, (byte)7);
        var packed = new byte[compressor.MaxCompressedLength(raw.Length)];
        var written = compressor.Compress(raw, packed);

        Assert.Throws<Vtr1ProtocolException>(() => compressor.Decompress(packed.AsSpan(0, written), new byte[999]));
        Assert.Throws<Vtr1ProtocolException>(() => compressor.Decompress(packed.AsSpan(0, written), new byte[1001]));
    }

    [Fact]
    public void Lz4_matches_liblz4_bytes_for_the_vector_planes()
    {
        var packed = new byte[Lz4PlaneCompressor.Instance.MaxCompressedLength(8)];

        var written = Lz4PlaneCompressor.Instance.Compress([0x10, 0x11, 0x12, 0x13, 0x20, 0x21, 0x22, 0x23], packed);

        Assert.Equal(new byte[] { 0x80, 0x10, 0x11, 0x12, 0x13, 0x20, 0x21, 0x22, 0x23 }, packed[..written]);
    }

    [Fact]
    public void Zstd_bomb_declaring_a_gigabyte_is_refused_from_the_header_alone()
    {
        // Magic, descriptor 0x80 (4-byte content size, not single segment), window byte, size 0x40000000.
        byte[] bomb = [0x28, 0xb5, 0x2f, 0xfd, 0x80, 0x70, 0x00, 0x00, 0x00, 0x40, 0x01, 0x00, 0x00];

        var error = Assert.Throws<Vtr1ProtocolException>(() => ZstdPlaneCompressor.Instance.Decompress(bomb, new byte[16]));

        Assert.Contains("declares 1073741824 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Raw_plane_with_a_wrong_length_is_malformed()
    {
        Assert.Throws<Vtr1ProtocolException>(() => NoPlaneCompressor.Instance.Decompress(new byte[3], new byte[4]));
    }
}
