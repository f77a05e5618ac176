using Vtr.Cli.Media;
using Vtr.Shared.Wire;

namespace Vtr.Cli.Segmenting;

/// <summary>Turns a node's QUALITY message into the per-segment check's <see cref="SegmentMeasurement"/> (pure).</summary>
public static class NodeQualityMeasurement
{
    /// <summary>
    /// Measured: the node's frame count and means; a decode problem: a failed measurement (the segment is re-encoded,
    /// as when the client's own decode fails); none, or the node could not measure: null, so the client measures.
    /// </summary>
    public static SegmentMeasurement? From(QualityMessage? message, int segmentIndex) => message?.Verdict switch
    {
        QualityMessageVerdict.Measured => new SegmentMeasurement((int)Math.Min(message.FramesMeasured, int.MaxValue), message.MeanSquaredError, message.Ssim, null)
        {
            OnNode = true,
        },
        QualityMessageVerdict.DecodeFailed => SegmentMeasurement.Failed($"segment {segmentIndex} does not decode cleanly on its node: {message.Detail}") with
        {
            OnNode = true,
        },
        _ => null,
    };

    /// <summary>A node's measurement held to the segment's plan: every planned frame must have been measured.</summary>
    public static SegmentMeasurement Against(SegmentMeasurement measurement, SegmentPlan plan)
    {
        ArgumentNullException.ThrowIfNull(measurement);
        ArgumentNullException.ThrowIfNull(plan);
        return measurement.Succeeded && measurement.Frames != plan.FrameCount
            ? SegmentMeasurement.Failed($"segment {plan.Index} decodes to {measurement.Frames} frames on its node, expected {plan.FrameCount}") with { OnNode = true }
            : measurement;
    }
}
