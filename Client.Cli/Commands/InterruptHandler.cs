using System.Runtime.InteropServices;
using Vtr.Cli.FileSafety;
using Vtr.Cli.FileSafety.Interop;

namespace Vtr.Cli.Commands;

/// <summary>
/// Ctrl-C for the whole process. The first SIGINT cancels <see cref="Token"/> so the running command stops and cleans
/// up on its normal path; if that has not ended the process within <see cref="GracePeriod"/> (an Akka cluster can
/// take seconds to leave), the tracked scratch files are deleted and the process exits with 130. A second SIGINT
/// does the same at once. Replaces System.CommandLine's own handler, which only waits and has no second-press exit.
/// </summary>
public sealed class InterruptHandler : IDisposable
{
    /// <summary>How long a stopping command may take after the first Ctrl-C: the whole stop stays under 2 s.</summary>
    public static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(1.5);

    private readonly CancellationTokenSource _cancel = new();
    private readonly ScratchPaths _scratch;
    private readonly PosixSignalRegistration _registration;
    private Timer? _deadline;
    private int _interrupts;

    private InterruptHandler(ScratchPaths scratch)
    {
        _scratch = scratch;
        _registration = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnInterrupt);
    }

    /// <summary>Cancelled by the first Ctrl-C.</summary>
    public CancellationToken Token => _cancel.Token;

    public static InterruptHandler Install(ScratchPaths scratch)
    {
        ArgumentNullException.ThrowIfNull(scratch);
        return new InterruptHandler(scratch);
    }

    public void Dispose()
    {
        _registration.Dispose();
        _deadline?.Dispose();
        _cancel.Dispose();
    }

    private void OnInterrupt(PosixSignalContext context)
    {
        context.Cancel = true; // the process ends through us, not through the runtime's default termination
        if (Interlocked.Increment(ref _interrupts) > 1)
        {
            ExitNow();
            return;
        }

        _deadline = new Timer(_ => ExitNow(), null, GracePeriod, Timeout.InfiniteTimeSpan);
        // Callbacks of the token run on the thread pool, not on the signal thread.
        _ = _cancel.CancelAsync();
    }

    private void ExitNow()
    {
        _scratch.DeleteAll();
        Console.Error.WriteLine("vtr: interrupted");
        Console.Error.Flush();
        LibcNative.ExitNow((int)ExitCode.Interrupted);
    }
}
