using System.Net.Security;
using System.Net.Sockets;

namespace Vtr.Node.Transport;

public sealed partial class Vtr1Connection
{
    /// <summary>
    /// Ends the session politely after its last message (DONE or ERROR): flushes, half-closes our side, and keeps
    /// reading and discarding until the client disconnects or <paramref name="lingerTimeout"/> passes. Closing with
    /// unread input would make the kernel send a RST that can destroy the DONE in flight (WIRE.md §3.4), so the task
    /// ends only when the drain does: its caller may close the socket then.
    /// </summary>
    public async Task FinishAsync(TimeSpan lingerTimeout)
    {
        _discardInput = true;
        ReleaseAllCredits();
        try
        {
            await Output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            if (_stream is SslStream tls)
            {
                // TLS close_notify first, so the client reads a clean end of the encrypted stream.
                await tls.ShutdownAsync().ConfigureAwait(false);
            }

            _socket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or InvalidOperationException or NotSupportedException)
        {
            Abort();
            return;
        }

        _shutdown.CancelAfter(lingerTimeout);
        if (_receiveLoop is { } drain)
        {
            await drain.ConfigureAwait(false);
        }
    }

    /// <summary>Closes the socket at once. Idempotent; safe from any thread.</summary>
    public void Abort()
    {
        lock (_closeLock)
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
        }

        _shutdown.Cancel();
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Already reset by the peer; closing below is all that is left.
        }

        _socket.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        Abort();
        if (_receiveLoop is not null)
        {
            await _receiveLoop.ConfigureAwait(false);
        }

        await _input.CompleteAsync().ConfigureAwait(false);
        _stream.Dispose();
        _shutdown.Dispose();
        _credits.Dispose();
    }

    private void ReleaseAllCredits()
    {
        try
        {
            _credits.Release(CreditWindow - _credits.CurrentCount);
        }
        catch (Exception ex) when (ex is SemaphoreFullException or ArgumentOutOfRangeException)
        {
            // Already at the window: the pump is not waiting.
        }
    }
}
