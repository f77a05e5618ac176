using Vtr.Shared.Bitstream;
using Vtr.Shared.Media;

namespace Vtr.Shared.Tests.Bitstream;

public class AnnexBTests
{
    private static readonly byte[] ThreeNals =
        [0, 0, 0, 1, 0x67, 0x42, 0, 0, 3, 1, 0, 0, 1, 0x68, 0xCE, 0, 0, 0, 1, 0x65, 0x88, 0x84, 0, 0];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void Annex_b_round_trips_through_length_prefixed_form(int lengthSize)
    {
        var size = AnnexB.LengthPrefixedSize(ThreeNals, lengthSize);
        var prefixed = new byte[size];
        Assert.Equal(size, AnnexB.ToLengthPrefixed(ThreeNals, prefixed, lengthSize));
        Assert.True(size <= AnnexB.MaxLengthPrefixedSize(ThreeNals.Length, lengthSize));

        var back = new byte[AnnexB.AnnexBSize(prefixed, lengthSize)];
        Assert.Equal(back.Length, AnnexB.FromLengthPrefixed(prefixed, lengthSize, back));

        Assert.Equal("00000001674200000301" + "00000001" + "68CE" + "00000001" + "658884", Convert.ToHexString(back));
    }

    [Fact]
    public void Splitting_and_converting_allocate_nothing_on_the_managed_heap()
    {
        var prefixed = new byte[64];
        var annexB = new byte[64];
        Convert(prefixed, annexB); // JIT and static initialisation first

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            Convert(prefixed, annexB);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);

        static void Convert(byte[] prefixed, byte[] annexB)
        {
            var written = AnnexB.ToLengthPrefixed(ThreeNals, prefixed);
            AnnexB.FromLengthPrefixed(prefixed.AsSpan(0, written), 4, annexB);
            AnnexB.ContainsKeyframe(VideoCodec.H264, ThreeNals);
        }
    }

    [Fact]
    public void Length_prefixed_with_four_byte_lengths_converts_in_place()
    {
        byte[] buffer = [0, 0, 0, 2, 0x67, 0x42, 0, 0, 0, 0, 0, 0, 0, 1, 0x65];

        var written = AnnexB.FromLengthPrefixed(buffer, 4, buffer);

        Assert.Equal("000000016742" + "0000000165", Convert.ToHexString(buffer.AsSpan(0, written)));
    }

    [Fact]
    public void Length_prefixed_with_a_length_past_the_end_throws_bitstream_exception()
    {
        byte[] damaged = [0, 0, 0, 9, 0x65, 0x88];

        Assert.Throws<BitstreamException>(() => AnnexB.AnnexBSize(damaged, 4));
        Assert.Throws<BitstreamException>(() => AnnexB.FromLengthPrefixed(damaged, 4, new byte[64]));
    }

    [Fact]
    public void A_nal_too_long_for_a_one_byte_length_throws_bitstream_exception()
    {
        var annexB = new byte[300];
        annexB[3] = 1;
        annexB.AsSpan(4).Fill(0x65);

        Assert.Throws<BitstreamException>(() => AnnexB.ToLengthPrefixed(annexB, new byte[400], 1));
    }

    [Fact]
    public void A_destination_that_is_too_small_is_an_argument_error()
    {
        Assert.Throws<ArgumentException>(() => AnnexB.ToLengthPrefixed(ThreeNals, new byte[4]));
    }

    [Fact]
    public void Start_codes_are_recognised_in_both_lengths_only_at_the_start()
    {
        Assert.True(AnnexB.StartsWithStartCode([0, 0, 1, 0x67]));
        Assert.True(AnnexB.StartsWithStartCode([0, 0, 0, 1, 0x67]));
        Assert.False(AnnexB.StartsWithStartCode([1, 0x64, 0, 0x1F]));
        Assert.False(AnnexB.StartsWithStartCode([0, 0]));
    }

    [Fact]
    public void Keyframes_are_idr_for_h264_and_irap_for_hevc()
    {
        Assert.True(AnnexB.ContainsKeyframe(VideoCodec.H264, [0, 0, 0, 1, 0x67, 0, 0, 0, 1, 0x65, 0x88]));
        Assert.False(AnnexB.ContainsKeyframe(VideoCodec.H264, [0, 0, 0, 1, 0x41, 0x9A]));
        Assert.True(AnnexB.ContainsKeyframe(VideoCodec.Hevc, [0, 0, 1, 0x26, 0x01, 0xAF])); // IDR_W_RADL (19)
        Assert.True(AnnexB.ContainsKeyframe(VideoCodec.Hevc, [0, 0, 1, 0x2A, 0x01, 0xAF])); // CRA (21)
        Assert.False(AnnexB.ContainsKeyframe(VideoCodec.Hevc, [0, 0, 1, 0x02, 0x01, 0xD0])); // TRAIL_R (1)
        Assert.False(AnnexB.ContainsKeyframe(VideoCodec.Hevc, [0, 0, 1, 0x40, 0x01, 0x0C])); // VPS (32)
    }

    [Fact]
    public void Random_length_prefixed_input_throws_nothing_but_bitstream_exception()
    {
        var random = new Random(99);
        var destination = new byte[256];
        for (var iteration = 0; iteration < 2000; iteration++)
        {
            var data = new byte[random.Next(0, 40)];
            random.NextBytes(data);
            foreach (var lengthSize in new[] { 1, 2, 4 })
            {
                try
                {
                    var size = AnnexB.AnnexBSize(data, lengthSize);
                    Assert.Equal(size, AnnexB.FromLengthPrefixed(data, lengthSize, destination));
                }
                catch (BitstreamException)
                {
                    // The documented outcome for damaged input.
                }
            }

            Assert.Equal(AnnexB.LengthPrefixedSize(data), AnnexB.ToLengthPrefixed(data, destination));
        }
    }

    [Fact]
    public void Only_start_coded_parameter_sets_sei_and_delimiters_count_as_an_access_unit_without_a_picture()
    {
        Assert.True(AnnexB.HoldsOnlyNonPictureNals(VideoCodec.H264, [0, 0, 0, 1, 0x09, 0xf0, 0, 0, 1, 0x67, 0x42, 0, 0, 1, 0x68, 0xce]));
        Assert.False(AnnexB.HoldsOnlyNonPictureNals(VideoCodec.H264, [0, 0, 1, 0x67, 0x42, 0, 0, 1, 0x65, 0x88]));
        Assert.False(AnnexB.HoldsOnlyNonPictureNals(VideoCodec.H264, [0, 0, 0, 3, 0x67, 0x42, 0x00])); // length-prefixed
        Assert.False(AnnexB.HoldsOnlyNonPictureNals(VideoCodec.H264, []));
        Assert.True(AnnexB.HoldsOnlyNonPictureNals(VideoCodec.Hevc, [0, 0, 1, 0x40, 0x01, 0, 0, 1, 0x42, 0x01, 0, 0, 1, 0x44, 0x01]));
        Assert.False(AnnexB.HoldsOnlyNonPictureNals(VideoCodec.Hevc, [0, 0, 1, 0x40, 0x01, 0, 0, 1, 0x26, 0x01]));
    }
}
