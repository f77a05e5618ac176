using Akka.Actor;
using Vtr.Cli.Jobs;
using Vtr.Cli.Rendering;

namespace Vtr.Cli.Segmenting;

/// <summary>Counts a lease's received packets and tells the progress listener in batches (used by one receiver task only).</summary>
internal sealed class ProgressCounter(IActorRef listener, SegmentLease lease, int batch)
{
    private int _pending;

    public void Add()
    {
        if (++_pending >= batch)
        {
            Complete();
        }
    }

    public void Complete()
    {
        if (_pending > 0)
        {
            listener.Tell(new FramesEncoded(lease.LeaseId, lease.NodeId, _pending));
            _pending = 0;
        }
    }
}
