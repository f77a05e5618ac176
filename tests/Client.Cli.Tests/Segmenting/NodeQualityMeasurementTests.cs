using Vtr.Cli.Media;
using Vtr.Cli.Segmenting;
using Vtr.Node.Sessions;
using Vtr.Shared.Media;
using Vtr.Shared.Wire;

namespace Vtr.Cli.Tests.Segmenting;

/// <summary>How the per-segment check reads a node's QUALITY message, and when the client asks for one (pure).</summary>
public sealed class NodeQualityMeasurementTests
{
    private static readonly SegmentPlan Plan = new(3, 0, 25, 0, [.. Enumerable.Range(0, 25).Select(i => i * 512L)], [], 0, 25 * 512);

    [Fact]
    public void A_measured_segment_is_taken_as_measured_on_its_node()
    {
        var measurement = NodeQualityMeasurement.From(new QualityMessage(QualityMessageVerdict.Measured, 25, 25, 2.5, 0.99, ""), 3);

        Assert.NotNull(measurement);
        Assert.True(measurement.Succeeded);
        Assert.True(measurement.OnNode);
        Assert.Equal((25, 2.5, 0.99), (measurement.Frames, measurement.MeanSquaredError, measurement.Ssim));
        Assert.Same(measurement, NodeQualityMeasurement.Against(measurement, Plan));
    }

    [Fact]
    public void A_decode_failure_on_the_node_fails_the_segment_with_the_nodes_reason()
    {
        var measurement = NodeQualityMeasurement.From(new QualityMessage(QualityMessageVerdict.DecodeFailed, 20, 25, 0, 0, "output decodes to 20 frames, 25 were encoded"), 3);

        Assert.NotNull(measurement);
        Assert.False(measurement.Succeeded);
        Assert.Equal("segment 3 does not decode cleanly on its node: output decodes to 20 frames, 25 were encoded", measurement.Problem);
    }

    [Fact]
    public void No_message_or_a_node_that_could_not_measure_leaves_the_segment_to_the_client()
    {
        Assert.Null(NodeQualityMeasurement.From(null, 3));
        Assert.Null(NodeQualityMeasurement.From(new QualityMessage(QualityMessageVerdict.NotMeasured, 0, 25, 0, 0, "more than 128 pictures inside the encoder"), 3));
    }

    [Fact]
    public void A_nodes_decode_check_counts_only_when_it_decoded_every_planned_frame()
    {
        Assert.True(NodeQualityMeasurement.DecodedOnNode(new QualityMessage(QualityMessageVerdict.Measured, 25, 25, 0, 0, ""), Plan));
        Assert.False(NodeQualityMeasurement.DecodedOnNode(null, Plan)); // an older node: the final check decodes the file
        Assert.False(NodeQualityMeasurement.DecodedOnNode(new QualityMessage(QualityMessageVerdict.NotMeasured, 0, 25, 0, 0, "no decoder"), Plan));
    }

    [Fact]
    public void A_segment_its_node_could_not_decode_fails_its_lease()
    {
        var failed = Assert.Throws<SegmentRunException>(() => NodeQualityMeasurement.DecodedOnNode(
            new QualityMessage(QualityMessageVerdict.DecodeFailed, 20, 25, 0, 0, "output decodes to 20 frames, 25 were encoded"), Plan));
        var short_ = Assert.Throws<SegmentRunException>(() => NodeQualityMeasurement.DecodedOnNode(
            new QualityMessage(QualityMessageVerdict.Measured, 24, 24, 0, 0, ""), Plan));

        Assert.Contains("does not decode cleanly on its node", failed.Message, StringComparison.Ordinal);
        Assert.Contains("decodes to 24 frames on its node, expected 25", short_.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Packets_configure_asks_for_the_measurement_or_a_decode_check(bool measure)
    {
        var info = new MediaInfo("in.mp4", "mp4", [], 0, VideoCodec.H264, new Rational(1, 12800), 64, 64, "yuv420p", 8, [], [], TimeSpan.FromSeconds(1));
        var settings = new SegmentEncodeSettings(VideoCodec.H264, 1_000_000, null, "", WireCompression.None, TransportChoice.Packets) { MeasureQuality = measure };

        var configure = SegmentConfiguration.ForPackets(info, Plan, settings);

        Assert.Equal(measure ? TranscodeOptions.MeasureQualityValue : TranscodeOptions.MeasureDecodeValue, configure.GetOption(TranscodeOptions.MeasureKey));
        Assert.Null(SegmentConfiguration.ForRaw(info, Plan, settings).GetOption(TranscodeOptions.MeasureKey));
    }
}
