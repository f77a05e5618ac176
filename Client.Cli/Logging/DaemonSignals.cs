using System.Runtime.InteropServices;

namespace Vtr.Cli.Logging;

/// <summary>
/// SIGINT and SIGTERM for a daemon: the first asks it to leave the cluster gracefully (the returned token is cancelled),
/// a second one exits at once. Akka's own exit hook is turned off for daemons, so only this decides.
/// </summary>
public sealed class DaemonSignals : IDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly PosixSignalRegistration[] _registrations;
    private int _signals;

    public DaemonSignals(CancellationToken commandToken)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(commandToken);
        _registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal), PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal)];
    }

    public CancellationToken Token => _stop.Token;

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        if (Interlocked.Increment(ref _signals) > 1)
        {
            Environment.Exit(130);
        }

        DaemonConsole.Say($"{context.Signal}: leaving the cluster (again to stop at once)");
        _stop.Cancel();
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _stop.Dispose();
    }
}
