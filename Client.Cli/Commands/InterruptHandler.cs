using System.Runtime.InteropServices;
using Vtr.Cli.FileSafety;
using Vtr.Native.Posix;

namespace Vtr.Cli.Commands;

/// <summary>
/// Ctrl-C for the whole process. The first SIGINT cancels <see cref="Token"/> so the running command stops and cleans
/// up on its normal path; if that has not ended the process within <see cref="GracePeriod"/> (an Akka cluster can
/// take seconds to leave), the tracked scratch files are deleted and the process exits with 130. A second SIGINT
/// does the same at once. Replaces System.CommandLine's own handler, which only waits and has no second-press exit.
/// A daemon (`vtr seed`, `vtr node`) calls <see cref="LeaveGracefully"/>: SIGTERM then counts like SIGINT and the first
/// signal has no deadline, because a graceful cluster leave is what the daemon does with it.
/// </summary>
public sealed class InterruptHandler : IDisposable
{
    /// <summary>How long a stopping command may take after the first Ctrl-C: the whole stop stays under 2 s.</summary>
    public static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(1.5);

    private readonly CancellationTokenSource _cancel = new();
    private readonly ScratchPaths _scratch;
    private readonly PosixSignalRegistration _registration;
    private PosixSignalRegistration? _termination;
    private Action<string>? _sayLeaving;
    private int _disposed;
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

    /// <summary>
    /// For a daemon: SIGINT and SIGTERM both cancel <see cref="Token"/> once, with <paramref name="say"/> told what the
    /// first one does, and no forced exit until a second one.
    /// </summary>
    public void LeaveGracefully(Action<string> say)
    {
        ArgumentNullException.ThrowIfNull(say);
        _sayLeaving = say;
        _termination ??= PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnInterrupt);
    }

    public void Dispose()
    {
        _registration.Dispose();
        _termination?.Dispose();
        Volatile.Write(ref _disposed, 1);
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

        if (_sayLeaving is null)
        {
            // A thread of its own, not a thread-pool timer: a loaded machine or a stopping command that blocks pool
            // threads delayed the timer past the 2 s promise (seen once in CI: still running 2 s after Ctrl-C).
            new Thread(ExitAfterGracePeriod) { IsBackground = true, Name = "vtr-interrupt-deadline" }.Start();
        }
        else
        {
            _sayLeaving($"{context.Signal}: leaving the cluster (again to stop at once)");
        }

        // Callbacks of the token run on the thread pool, not on the signal thread.
        _ = _cancel.CancelAsync();
    }

    private void ExitAfterGracePeriod()
    {
        Thread.Sleep(GracePeriod);
        if (Volatile.Read(ref _disposed) == 0)
        {
            ExitNow();
        }
    }

    private void ExitNow()
    {
        _scratch.DeleteAll();
        Console.Error.WriteLine("vtr: interrupted");
        Console.Error.Flush();
        LibcNative.ExitNow((int)ExitCode.Interrupted);
    }
}
