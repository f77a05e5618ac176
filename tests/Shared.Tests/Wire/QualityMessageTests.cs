using System.Buffers;
using Vtr.Shared.Wire;

namespace Vtr.Shared.Tests.Wire;

/// <summary>QUALITY (12), the vtr extension a transcode node sends before DONE when asked for measure=quality.</summary>
public sealed class QualityMessageTests
{
    private const string Golden = """
        56 54 52 31 00 01 00 0c 00 00 00 1d
        00 00 00 00 19 00 00 00 19
        3f f8 00 00 00 00 00 00
        3f e8 00 00 00 00 00 00
        00 02 6f 6b
        """;

    [Fact]
    public void Quality_writes_the_golden_bytes_and_reads_them_back()
    {
        var message = new QualityMessage(QualityMessageVerdict.Measured, 25, 25, 1.5, 0.75, "ok");

        Assert.Equal(Hex.Parse(Golden), WireBytes.Of(message));
        Assert.Equal(message, WireBytes.Parse(Hex.Parse(Golden)));
    }

    [Fact]
    public void Quality_round_trips_a_decode_failure_with_its_detail_and_exact_doubles()
    {
        var message = new QualityMessage(QualityMessageVerdict.DecodeFailed, 24, 25, 12.345678901234567, 0.987654321, "output decodes to 24 frames, 25 were encoded");

        Assert.Equal(message, WireBytes.Parse(WireBytes.Of(message)));
    }

    [Fact]
    public void Quality_payload_cut_at_any_offset_is_malformed()
    {
        var payload = Hex.Parse(Golden)[Vtr1Header.Size..];
        for (var length = 0; length < payload.Length; length++)
        {
            var error = Assert.Throws<Vtr1ProtocolException>(() => QualityMessage.Read(new ReadOnlySequence<byte>(payload, 0, length), Vtr1Limits.Default));
            Assert.Equal(Vtr1ErrorCode.Malformed, error.Code);
        }
    }

    [Theory]
    [InlineData(0, "03")] // verdict 3 is unknown
    [InlineData(9, "7f f8 00 00 00 00 00 00")] // NaN mean MSE
    [InlineData(17, "7f f0 00 00 00 00 00 00")] // infinite mean SSIM
    [InlineData(25, "00 05")] // detail length beyond the payload
    public void Quality_with_a_bad_field_is_malformed(int offset, string replacement)
    {
        var payload = Hex.Parse(Golden)[Vtr1Header.Size..];
        Hex.Parse(replacement).CopyTo(payload, offset);

        var error = Assert.Throws<Vtr1ProtocolException>(() => QualityMessage.Read(new ReadOnlySequence<byte>(payload), Vtr1Limits.Default));

        Assert.Equal(Vtr1ErrorCode.Malformed, error.Code);
    }

    [Fact]
    public void Quality_detail_longer_than_the_string_limit_is_malformed()
    {
        var message = new QualityMessage(QualityMessageVerdict.DecodeFailed, 0, 25, 0, 0, new string('x', 100));
        var payload = WireBytes.Of(message)[Vtr1Header.Size..];

        Assert.Throws<Vtr1ProtocolException>(() => QualityMessage.Read(new ReadOnlySequence<byte>(payload), Vtr1Limits.Default with { MaxStringBytes = 64 }));
    }
}
