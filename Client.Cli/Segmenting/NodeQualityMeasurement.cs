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

    /// <summary>
    /// The node's decode check of a segment sent with <c>measure=decode</c>: true when it decoded every planned frame;
    /// false when it sent nothing or could not check (an older node, no decoder there: the final check decodes the
    /// file); a <see cref="SegmentRunException"/> when the output does not decode, so the lease fails and the segment
    /// is encoded again.
    /// </summary>
    public static bool DecodedOnNode(QualityMessage? message, SegmentPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (From(message, plan.Index) is not { } checkedOnNode)
        {
            return false;
        }

        var held = Against(checkedOnNode, plan);
        return held.Succeeded ? true : throw new SegmentRunException(held.Problem!);
    }

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
