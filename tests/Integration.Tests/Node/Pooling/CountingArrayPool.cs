using System.Buffers;

namespace Vtr.Integration.Tests.Node.Pooling;

/// <summary>
/// The shared array pool with a count of what was rented and returned, so a test can prove that every FRAME plane
/// the node parsed went back. Rentals can be awaited, for a test that must act once the node holds some planes.
/// </summary>
public sealed class CountingArrayPool : ArrayPool<byte>
{
    private readonly Lock _lock = new();
    private readonly List<(int Count, TaskCompletionSource Reached)> _waiters = [];
    private int _rented;
    private int _returned;

    public int Rented => Volatile.Read(ref _rented);

    public int Returned => Volatile.Read(ref _returned);

    public override byte[] Rent(int minimumLength)
    {
        var array = Shared.Rent(minimumLength);
        var rented = Interlocked.Increment(ref _rented);
        lock (_lock)
        {
            _waiters.RemoveAll(waiter => waiter.Count <= rented && waiter.Reached.TrySetResult());
        }

        return array;
    }

    public override void Return(byte[] array, bool clearArray = false)
    {
        Interlocked.Increment(ref _returned);
        Shared.Return(array, clearArray);
    }

    /// <summary>Completes once <paramref name="count"/> arrays have been rented in all.</summary>
    public Task WhenRentedAsync(int count)
    {
        lock (_lock)
        {
            if (Rented >= count)
            {
                return Task.CompletedTask;
            }

            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, reached));
            return reached.Task;
        }
    }
}
