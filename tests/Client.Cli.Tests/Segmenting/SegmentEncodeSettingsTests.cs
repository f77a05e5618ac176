using Vtr.Cli.Segmenting;
using Vtr.Shared.Media;

namespace Vtr.Client.Cli.Tests.Segmenting;

public sealed class SegmentEncodeSettingsTests
{
    private static Dictionary<string, string> Options(SegmentEncodeSettings settings) =>
        settings.EncoderOptions(60).ToDictionary(kv => kv.Key, kv => kv.Value);

    private static SegmentEncodeSettings Settings(long? bitrate = null, int? quality = null) =>
        new(VideoCodec.H264, bitrate, quality, "", WireCompression.Lz4, TransportChoice.Auto);

    [Fact]
    public void Quality_is_sent_as_ffmpeg_q_v_sends_it()
    {
        var options = Options(Settings(quality: 55));

        Assert.Equal("6490", options["global_quality"]);
        Assert.Equal(((1 << 22) | 2).ToString(System.Globalization.CultureInfo.InvariantCulture), options["flags"]);
        Assert.False(options.ContainsKey("bitrate"));
        Assert.False(options.ContainsKey("crf"));
    }

    [Fact]
    public void Crf_is_sent_as_our_crf_key_without_global_quality()
    {
        var options = Options(Settings() with { Crf = 18.5 });

        Assert.Equal("18.5", options["crf"]);
        Assert.False(options.ContainsKey("global_quality"));
        Assert.Equal((1 << 22).ToString(System.Globalization.CultureInfo.InvariantCulture), options["flags"]);
    }

    [Fact]
    public void Bitrate_is_sent_with_the_segment_rate_tolerance()
    {
        var options = Options(Settings(bitrate: 2_800_000));

        Assert.Equal("2800000", options["bitrate"]);
        Assert.Equal("0.1", options["rate_tolerance"]);
        Assert.False(options.ContainsKey("global_quality"));
        Assert.False(options.ContainsKey("crf"));
    }
}
