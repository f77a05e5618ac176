using Vtr.Cli.Segmenting;
using Vtr.Shared.Cluster;

namespace Vtr.Client.Cli.Tests.Segmenting;

/// <summary>What the <see cref="EvenQualityPolicy"/> tests share: two nodes, policies settled for the segment under test,
/// and a simulated segment gate that encodes at the policy's offset and retries while it says so.</summary>
internal static class EvenQualityPolicyHarness
{
    internal static readonly NodeId Fast = new("ultrafast:5555");
    internal static readonly NodeId Slow = new("medium:5556");

    internal const int Frames = 25;

    /// <summary>A simulated encode: the PSNR segment <c>index</c> gets on <c>node</c> at <c>crfStep</c> crf steps off the
    /// job's base crf.</summary>
    internal delegate double Encode(int index, NodeId node, double crfStep);

    internal static EvenQualityPolicy Policy(double toleranceDb = 1.0, int jobFrames = 1000) => new(26, toleranceDb, jobFrames);

    /// <summary>Three segments at 44 dB settle the median for the segment under test.</summary>
    internal static EvenQualityPolicy SettledAt44(double toleranceDb = 1.0, int maxRetries = EvenQualityPolicy.DefaultMaxRetries)
    {
        var policy = new EvenQualityPolicy(26, toleranceDb, 1000) { MaxRetries = maxRetries };
        for (var index = 0; index < 3; index++)
        {
            policy.Record(index, Fast, 0, 44.0, Frames);
        }

        return policy;
    }

    /// <summary>What <see cref="SegmentQualityGate"/> does with an arriving segment: record it, retry while an outlier.</summary>
    internal static void Arrive(EvenQualityPolicy policy, Dictionary<int, double> kept, int index, NodeId node, Encode encode, NodeId? retryOn = null)
    {
        Measure(policy, kept, index, node, encode);
        RetryWhileOutlier(policy, kept, index, retryOn ?? node, encode);
    }

    internal static void RetryWhileOutlier(EvenQualityPolicy policy, Dictionary<int, double> kept, int index, NodeId node, Encode encode)
    {
        while (policy.TryReserveRetry(index))
        {
            Measure(policy, kept, index, node, encode);
        }
    }

    /// <summary>Encodes at the offset the policy gives the node (as the segment runner does) and records the result.</summary>
    internal static void Measure(EvenQualityPolicy policy, Dictionary<int, double> kept, int index, NodeId node, Encode encode)
    {
        var offset = policy.OffsetFor(node, index);
        var psnr = encode(index, node, policy.CrfAt(offset) - 26);
        if (policy.Record(index, node, offset, psnr, Frames).Keep)
        {
            kept[index] = psnr;
        }
    }
}
