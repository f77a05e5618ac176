using System.Collections.Immutable;
using System.Net;
using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Vtr.Cli.Embedded;
using Vtr.Node.Codecs;
using Vtr.Node.Codecs.FFmpeg;
using Vtr.Node.Hosting;
using Vtr.Node.Membership;
using Vtr.Node.Sessions;
using Vtr.Seed.Hosting;
using Vtr.Shared.Cluster;
using Vtr.Shared.Media;
using Vtr.Testing.Cluster;

namespace Vtr.Integration.Tests.Cluster;

/// <summary>
/// Real vtr cluster members, each its own Generic Host + ActorSystem on 127.0.0.1 with Akka.Remote on port 0:
/// seeds running the JobCoordinator singleton and encoder nodes (a VTR1 <see cref="NodeServer"/> with the libavcodec
/// backend, announced by a <see cref="NodeAnnouncer"/>). The client is the real `vtr transcode` joining the seeds.
/// </summary>
internal static class ClusterMembers
{
    /// <summary>
    /// Short failure detection: a killed member is unreachable within ~3 s and downed ~3 s later. Not shorter: on a
    /// 2-core CI machine running other test assemblies beside these, a healthy member can miss heartbeats for over a
    /// second and would be downed mid-test.
    /// </summary>
    private static readonly TimeSpan Detection = TimeSpan.FromSeconds(3);

    public static Task<IHost> StartSeedAsync(ImmutableArray<string> seeds) => ClusterHosts.StartSeedAsync(seeds, Detection);

    /// <summary>
    /// A node member with one encoder session. Terminating its ActorSystem is a crash, not a leave
    /// (<c>run-by-actor-system-terminate = off</c>): no Leave is gossiped, the cluster has to detect the loss.
    /// </summary>
    public static async Task<NodeMember> StartNodeAsync(string seed, string name, EncodingGate? gate = null)
    {
        ICodecBackend software = new FFmpegBackend(new FFmpegBackendOptions("ultrafast", Threads: 1));
        var backend = gate is null ? software : gate.Wrap(software);
        NodeServer? server = null;
        var sessions = new SessionSignal();
        var host = await ClusterHosts.StartAsync(ClusterNames.NodeRole, [seed], Detection, akka => akka
            .AddHocon(SessionsConfig.Hocon, HoconAddMode.Prepend)
            .AddHocon("akka.coordinated-shutdown.run-by-actor-system-terminate = off", HoconAddMode.Prepend)
            .WithJobCoordinatorProxy()
            .WithActors((system, registry) =>
            {
                // The announcer needs the port the listener got, the pool reports session counts through the relay.
                var relay = system.ActorOf(SessionCountRelay.Props(), "session-count");
                var observer = system.ActorOf(Props.Create(() => new SessionObserver(sessions, relay)), "session-observer");
                server = NodeServer.Start(system, backend, new IPEndPoint(IPAddress.Loopback, 0), new SessionPolicy(), 1, observer);
                var info = new RegisterNode(
                    new NodeId(name), "127.0.0.1", server.DialEndPoint.Port, backend.Name, backend.IsHardware,
                    [.. backend.EncodeCodecs.Select(c => c.ToWireName())], [.. backend.DecodeCodecs.Select(c => c.ToWireName())], 1);
                var announcer = system.ActorOf(
                    NodeAnnouncer.Props(info, registry.Get<JobCoordinatorKey>(), DistributedPubSub.Get(system).Mediator),
                    NodeAnnouncerHostingExtensions.ActorName);
                relay.Tell(new SessionCountRelay.ForwardTo(announcer));
            }));
        return new NodeMember(name, host, server ?? throw new InvalidOperationException("the node's actors were not started"), sessions);
    }
}

/// <summary>An encoder node member: its host (ActorSystem) and its VTR1 endpoint.</summary>
internal sealed class NodeMember(string name, IHost host, NodeServer server, SessionSignal sessions)
{
    private bool _killed;

    public NodeId Id { get; } = new(name);

    public IHost Host { get; } = host;

    public NodeServer Server { get; } = server;

    /// <summary>Completes when the node's encoder pool next reports an open VTR1 session (a segment streaming in).</summary>
    public Task NextSessionOpened() => sessions.Arm();

    /// <summary>
    /// As close to kill -9 as one process allows: the listener closes, the ActorSystem terminates without leaving the
    /// cluster (its session actors abort their VTR1 sockets on the way down), so connections reset and the members
    /// only learn of the loss from the failure detector.
    /// </summary>
    public async Task KillAsync()
    {
        _killed = true;
        await Server.DisposeAsync();
        await Host.System().Terminate();
    }

    public async Task StopAsync()
    {
        if (!_killed)
        {
            await Server.DisposeAsync();
        }

        await Host.StopAsync(TimeSpan.FromSeconds(5));
        Host.Dispose();
    }
}

/// <summary>Session-count changes of one node's pool, turned into an awaitable "a session is open" signal.</summary>
internal sealed class SessionSignal
{
    private TaskCompletionSource? _armed;

    public Task Arm()
    {
        var armed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _armed, armed);
        return armed.Task;
    }

    public void Report(int activeSessions)
    {
        if (activeSessions > 0)
        {
            Volatile.Read(ref _armed)?.TrySetResult();
        }
    }
}

/// <summary>The pool's observer in the test nodes: signals <see cref="SessionSignal"/>, then passes the count on to the announcer's relay.</summary>
internal sealed class SessionObserver : ReceiveActor
{
    public SessionObserver(SessionSignal signal, IActorRef relay) =>
        Receive<EncoderPoolProtocol.SessionCountChanged>(changed =>
        {
            signal.Report(changed.ActiveSessions);
            relay.Forward(changed);
        });
}
