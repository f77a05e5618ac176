using System.Buffers;

namespace Vtr.Integration.Tests.Node.Pooling;

/// <summary>The shared memory pool with a count of what was rented and disposed (the codec's encoded packets).</summary>
public sealed class CountingMemoryPool : MemoryPool<byte>
{
    private int _rented;
    private int _returned;

    public int Rented => Volatile.Read(ref _rented);

    public int Returned => Volatile.Read(ref _returned);

    public override int MaxBufferSize => Shared.MaxBufferSize;

    public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
    {
        Interlocked.Increment(ref _rented);
        return new CountedOwner(this, Shared.Rent(minBufferSize));
    }

    protected override void Dispose(bool disposing)
    {
        // Nothing of its own: the shared pool it wraps lives on.
    }

    /// <summary>Counts the first dispose only, as the pool it stands for would take the memory back once.</summary>
    private sealed class CountedOwner(CountingMemoryPool pool, IMemoryOwner<byte> inner) : IMemoryOwner<byte>
    {
        private IMemoryOwner<byte>? _inner = inner;

        public Memory<byte> Memory => (_inner ?? throw new ObjectDisposedException(nameof(CountedOwner))).Memory;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _inner, null) is { } owned)
            {
                Interlocked.Increment(ref pool._returned);
                owned.Dispose();
            }
        }
    }
}
