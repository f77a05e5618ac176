namespace Vtr.Node.Membership;

// NodeAnnouncer speaks these local messages (from the encoder pool); towards the coordinator it sends
// RegisterNode and NodeStatusReport (Shared/Cluster) and it listens for CoordinatorStarted.
// Supervision: the announcer has no children; a restart simply registers again.

/// <summary>The encoder pool's count of busy sessions changed.</summary>
public sealed record SessionsChanged(int InUse);

/// <summary>The encoder pool measured its current throughput, in frames per second.</summary>
public sealed record SpeedMeasured(double Fps);

/// <summary>Timer tick: register again, in case the coordinator lost us (hand-over, unreachable spell).</summary>
internal sealed record ReRegisterTick
{
    public static readonly ReRegisterTick Instance = new();

    private ReRegisterTick()
    {
    }
}
