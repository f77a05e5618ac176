using Akka.Actor;
using Akka.Event;
using Vtr.Node.Buffers;
using Vtr.Shared.Wire;

namespace Vtr.Node.Sessions;

/// <summary>
/// A copy of a segment that lost to another copy (a straggler's duplicate, or the straggler): the coordinator's word
/// (<see cref="SessionProtocol.CopyLost"/>) becomes the session's one info line, "segment 7: copy cancelled, finished
/// on another node", instead of a close summary whose counts read like a failure. The client drops the connection at
/// about the same moment, and the session leaves the close to it: closing first would reach a client that has not yet
/// heard its lease was cancelled as a failed segment. A session dropped before the word came waits
/// <see cref="LostCopyGrace"/> for it before it logs a plain close.
/// </summary>
public sealed partial class SessionActor
{
    /// <summary>How long a session of a leased copy, dropped midway, waits for the coordinator's word: the client's close
    /// and the word leave the coordinator together, over different paths.</summary>
    public static readonly TimeSpan LostCopyGrace = TimeSpan.FromSeconds(2);

    private string? _lease;
    private bool _copyLost;

    /// <summary>A CONFIGURE naming its lease (vtr clients in a cluster) makes the session listen for its copy losing.</summary>
    private void WatchForLostCopy(ConfigureMessage configure)
    {
        _lease = configure.GetOption(ConfigureMessage.LeaseOption);
        if (!string.IsNullOrEmpty(_lease))
        {
            Context.System.EventStream.Subscribe(Self, typeof(SessionProtocol.CopyLost));
        }
    }

    private void OnCopyLost(SessionProtocol.CopyLost lost)
    {
        if (!IsMine(lost) || _copyLost)
        {
            return;
        }

        SayCopyLost(lost); // the client's close follows; its summary then goes to debug
    }

    /// <summary>True (and the session waits for the verdict) when a leased copy was dropped midway.</summary>
    private bool AwaitLostCopyVerdict()
    {
        if (string.IsNullOrEmpty(_lease) || _copyLost || _stats.InputCount == 0)
        {
            return false;
        }

        ReleaseSlot();
        Timers.CancelAll();
        Timers.StartSingleTimer(nameof(SessionProtocol.LostCopyGraceEnded), SessionProtocol.LostCopyGraceEnded.Instance, LostCopyGrace);
        Become(AwaitingLostCopyVerdict);
        return true;
    }

    private void AwaitingLostCopyVerdict()
    {
        Receive<SessionProtocol.CopyLost>(lost =>
        {
            if (IsMine(lost))
            {
                SayCopyLost(lost);
                LogSummary();
                Context.Stop(Self);
            }
        });
        Receive<SessionProtocol.LostCopyGraceEnded>(_ =>
        {
            LogSummary();
            Context.Stop(Self);
        });
        // Input and codec output nobody will use: returned to their pools here.
        Receive<IPooledMessage>(pooled => pooled.Dispose());
        ReceiveAny(_ => { });
    }

    private bool IsMine(SessionProtocol.CopyLost lost) => string.Equals(lost.Lease, _lease, StringComparison.Ordinal);

    private void SayCopyLost(SessionProtocol.CopyLost lost)
    {
        _copyLost = true;
        _log.Info(
            "segment {SegmentIndex}: copy cancelled, finished on another node (client {Client} from {RemoteEndPoint})",
            lost.SegmentIndex, _clientName, _connection.RemoteEndPoint);
    }
}
