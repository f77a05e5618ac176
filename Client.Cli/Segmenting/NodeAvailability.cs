using Akka.Actor;
using Vtr.Shared.Cluster;
using Vtr.Shared.Media;

namespace Vtr.Cli.Segmenting;

/// <summary>Before submitting: waits (bounded) until the coordinator knows a node that encodes the target codec (every
/// node, for an embedded cluster whose size is known, so segments are sized for all of them).</summary>
public static class NodeAvailability
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Retry = TimeSpan.FromMilliseconds(50);

    /// <summary>Throws <see cref="TranscodeFailedException"/> naming what the cluster offers when no node qualifies in time.</summary>
    /// <param name="minimumNodes">Nodes that must encode the codec before the status is returned.</param>
    public static async Task<ClusterStatus> WaitForEncoderAsync(IActorRef coordinator, VideoCodec codec, TimeSpan timeout, int minimumNodes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(coordinator);
        var name = codec.ToWireName();
        var deadline = DateTime.UtcNow + timeout;
        ClusterStatus? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                last = await coordinator.Ask<ClusterStatus>(GetClusterStatus.Instance, AskTimeout, ct).ConfigureAwait(false);
                if (last.Nodes.Count(n => n.EncodeCodecs.Contains(name)) >= Math.Max(1, minimumNodes))
                {
                    return last;
                }
            }
            catch (AskTimeoutException)
            {
                // The coordinator singleton is still starting (or moving): ask again until the deadline.
            }

            // A bounded start-up wait between status questions; the registration itself is not observable here.
            await Task.Delay(Retry, ct).ConfigureAwait(false);
        }

        var offered = last is null || last.Nodes.IsEmpty
            ? "no encoder node registered"
            : "nodes encode only " + string.Join(", ", last.Nodes.SelectMany(n => n.EncodeCodecs).Distinct());
        throw new TranscodeFailedException($"no node in the cluster can encode {name} ({offered} after {timeout.TotalSeconds:0} s)");
    }
}
