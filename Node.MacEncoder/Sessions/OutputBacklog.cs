namespace Vtr.Node.Sessions;

/// <summary>
/// Outputs that wait, in order, while a socket flush is pending. Bounded by the connection's credit window plus the
/// session's last message: a session holds input credits back while it flushes, each consumed input yields at most
/// one output (libavcodec's encoders and decoders give one per send; the drain is paced in batches of the window), so
/// more waiting outputs mean that reasoning broke — a bug, refused loudly rather than letting memory grow.
/// </summary>
public sealed class OutputBacklog
{
    private readonly Queue<PendingOutput> _items;

    public OutputBacklog(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        Capacity = capacity;
        _items = new Queue<PendingOutput>(capacity);
    }

    public int Capacity { get; }

    public int Count => _items.Count;

    /// <summary>Queues <paramref name="output"/>, or disposes it and throws when the bound is reached.</summary>
    public void Enqueue(PendingOutput output)
    {
        if (_items.Count >= Capacity)
        {
            output.Dispose();
            throw new InvalidOperationException($"output backlog over its bound of {Capacity}: outputs outran the credit window");
        }

        _items.Enqueue(output);
    }

    public bool TryDequeue(out PendingOutput output) => _items.TryDequeue(out output);

    /// <summary>Returns every pooled output still waiting (the session is stopping).</summary>
    public void DisposeAll()
    {
        while (_items.TryDequeue(out var output))
        {
            output.Dispose();
        }
    }
}
