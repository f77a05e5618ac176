using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster;

namespace Vtr.Seed.Hosting;

/// <summary>One member as a leaving member sees it: its status, and whether it is gone (connection closed, or unreachable).</summary>
public sealed record MemberSighting(Address Address, MemberStatus Status, bool Gone);

/// <summary>
/// Which members a member that is leaving downs so that its own leave can complete (docs/architecture.md, "Leaving past a
/// crashed member"). A leave needs convergence: every Up or Leaving member must have seen it, and no unreachable member may
/// be short of Down. A crashed member that is not downed yet blocks it until CoordinatedShutdown gives up (10 s).
/// The rule downs the gone members only where the keep-majority resolver keeps the members that stay:
/// <list type="bullet">
/// <item>nobody else stays (the leaving member is alone with the gone ones): downing them decides nothing for anyone,
/// no split brain can follow, and the resolver itself would down them (or everyone) after stable-after;</item>
/// <item>the members that stay, without the leaving one, outnumber the gone ones: keep-majority keeps the members that
/// stay and downs the gone ones, whether it counts the leaving member or not, so the leaving member only decides it
/// sooner.</item>
/// </list>
/// Otherwise (as many or more gone than staying: maybe a partition the resolver must settle) it downs nobody, and the
/// leave waits for the resolver as before.
/// </summary>
public static class LeaveDowningRule
{
    /// <summary>The gone members <paramref name="self"/> downs before it leaves; empty when it must not.</summary>
    public static ImmutableArray<Address> MembersToDown(IEnumerable<MemberSighting> members, Address self)
    {
        ArgumentNullException.ThrowIfNull(members);
        var others = members.Where(m => m.Address != self && !IsOnItsWayOut(m.Status)).ToList();
        var gone = others.Where(m => m.Gone).Select(m => m.Address).ToImmutableArray();
        var staying = others.Count(m => !m.Gone && m.Status is MemberStatus.Up or MemberStatus.Leaving);
        return !gone.IsEmpty && (staying == 0 || staying > gone.Length) ? gone : [];
    }

    /// <summary>Down, Exiting and Removed members no longer hold a leave back.</summary>
    private static bool IsOnItsWayOut(MemberStatus status) =>
        status is MemberStatus.Down or MemberStatus.Exiting or MemberStatus.Removed;
}
