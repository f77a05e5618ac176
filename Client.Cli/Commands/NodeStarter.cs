using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Vtr.Cli.Logging;
using Vtr.Node.Hosting;
using Vtr.Seed.Contact;

namespace Vtr.Cli.Commands;

/// <summary>The ports a node wanted are taken (an explicit --listen, or every port of the default range).</summary>
public sealed class NodePortsTakenException(string message) : Exception(message);

/// <summary>
/// Starts one incarnation of a `vtr node` host. Ports are chosen right before the host binds them, and the first
/// incarnation moves on to the next free port when another node started at the same moment took it; later
/// incarnations keep the same ports, so the node's id and cluster address stay the same.
/// </summary>
public sealed class NodeStarter(NodeOptions options, bool listenGiven, int? clusterPort, LogLevel level)
{
    private NodePorts? _ports;

    public async Task<IHost> StartAsync(JoinPlan? plan, CancellationToken ct)
    {
        var firstPort = options.Listen.Port;
        var taken = options.Listen.Port;
        for (var attempt = 0; ; attempt++)
        {
            var ports = _ports ?? Pick(new IPEndPoint(options.Listen.Address, firstPort));
            if (_ports is null && ports.Vtr1 != taken)
            {
                // Before the host starts, so the reason comes before its "listening on" line; a port taken in the
                // meantime gets its own line on the next attempt.
                DaemonConsole.Say($"port {taken} is taken (another vtr node?); serving VTR1 on {ports.Vtr1} instead");
                taken = ports.Vtr1;
            }

            var nodeOptions = options with { Listen = new IPEndPoint(options.Listen.Address, ports.Vtr1) };
            var host = NodeHostBuilder.Build(nodeOptions, level, plan is null ? null : NodeClusterWiring.For(plan, ports.Cluster), DaemonConsole.ForHost());
            try
            {
                await host.StartAsync(ct).ConfigureAwait(false);
                _ports = ports;
                return host;
            }
            catch (Exception ex) when (IsAddressInUse(ex))
            {
                host.Dispose();
                if (_ports is not null || listenGiven || attempt >= NodePortPicker.Attempts)
                {
                    throw new NodePortsTakenException($"{nodeOptions.Listen} or cluster port {ports.Cluster} is already in use (another vtr node?); choose another with --listen");
                }

                firstPort = ports.Vtr1 + 1;
            }
            catch
            {
                host.Dispose();
                throw;
            }
        }
    }

    private NodePorts Pick(IPEndPoint from) =>
        NodePortPicker.Pick(from, listenGiven, clusterPort, out var problem) ?? throw new NodePortsTakenException(problem!);

    private static bool IsAddressInUse(Exception ex) =>
        ex is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } ||
        (ex.InnerException is not null && IsAddressInUse(ex.InnerException)) ||
        ex.Message.Contains("already in use", StringComparison.OrdinalIgnoreCase);
}
