namespace Vtr.Node.Codecs.VideoToolbox;

/// <summary>Decoded pictures handed from VT output callbacks to the decoder's owner. Bounded and thread-safe.</summary>
public sealed class DecodedPictureQueue : IDisposable
{
    private readonly Lock _sync = new();
    private readonly Queue<DecodedPicture> _pictures = new();
    private string? _failure;
    private bool _flushed;

    public DecodedPictureQueue(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    public int Capacity { get; }

    public bool IsFull
    {
        get
        {
            lock (_sync)
            {
                return _pictures.Count >= Capacity;
            }
        }
    }

    /// <summary>Takes ownership of the picture.</summary>
    public void Enqueue(DecodedPicture picture)
    {
        lock (_sync)
        {
            _pictures.Enqueue(picture);
        }
    }

    public void Fail(string message)
    {
        lock (_sync)
        {
            _failure ??= message;
        }
    }

    public void MarkFlushed()
    {
        lock (_sync)
        {
            _flushed = true;
        }
    }

    public ReceiveResult Receive(out DecodedPicture? picture)
    {
        lock (_sync)
        {
            if (_pictures.TryDequeue(out picture))
            {
                return ReceiveResult.Output;
            }

            if (_failure is not null)
            {
                throw new CodecException(_failure) { IsRecoverable = true };
            }

            return _flushed ? ReceiveResult.EndOfStream : ReceiveResult.NeedsInput;
        }
    }

    public void Dispose()
    {
        lock (_sync)
        {
            while (_pictures.TryDequeue(out var picture))
            {
                picture.Dispose();
            }
        }
    }
}
