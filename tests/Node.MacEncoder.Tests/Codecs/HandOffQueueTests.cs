using Vtr.Node.Codecs;

namespace Vtr.Node.MacEncoder.Tests.Codecs;

/// <summary>
/// The queue between codec callback threads and the codec's owner, on any OS: every item it accepts is received or
/// disposed exactly once, and in-flight plus waiting never exceed the capacity, under concurrent producers.
/// </summary>
public sealed class HandOffQueueTests
{
    [Fact]
    public async Task Concurrent_producers_and_one_consumer_lose_no_item_dispose_none_twice_and_stay_within_capacity()
    {
        const int Capacity = 4;
        const int Inputs = 4000;
        var counter = new ItemCounter();
        using var queue = new HandOffQueue<CountedItem>(Capacity);
        var submitted = 0;
        var producers = Enumerable.Range(0, 3).Select(_ => Task.Run(() =>
        {
            while (Interlocked.Increment(ref submitted) <= Inputs)
            {
                nint ticket;
                while (!queue.TryReserve(out ticket))
                {
                    Thread.Yield(); // full: the consumer drains
                }

                // Like VideoToolbox: most inputs produce an item, some are dropped, some never reach a callback.
                switch (ticket % 10)
                {
                    case 0: queue.Complete(ticket, null); break;
                    case 1: queue.Release(ticket); break;
                    default: queue.Complete(ticket, counter.Create()); break;
                }
            }
        })).ToArray();

        var received = 0;
        var allProduced = Task.WhenAll(producers);
        while (!allProduced.IsCompleted || queue.InFlight > 0 || counter.Alive > 0)
        {
            counter.ObservePeak();
            if (queue.Receive(out var item) == ReceiveResult.Output)
            {
                received++;
                item!.Dispose();
            }
            else
            {
                Thread.Yield(); // empty: a producer fills it
            }
        }

        await allProduced.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(Inputs * 8 / 10, received);
        Assert.Equal(counter.Created, counter.Disposed);
        Assert.Equal(0, counter.DisposedTwice);
        Assert.InRange(counter.PeakAlive, 1, Capacity + 1); // waiting + in flight, plus the one the consumer holds
    }

    [Fact]
    public void Disposing_returns_the_waiting_items_and_every_item_that_arrives_afterwards()
    {
        var counter = new ItemCounter();
        var queue = new HandOffQueue<CountedItem>(3);
        Assert.True(queue.TryReserve(out var first));
        Assert.True(queue.TryReserve(out var late));
        queue.Complete(first, counter.Create());
        queue.Add(counter.Create());

        queue.Dispose();
        queue.Complete(late, counter.Create()); // a callback still running while the codec shuts down

        Assert.Equal((3, 3, 0), (counter.Created, counter.Disposed, counter.DisposedTwice));
    }

    [Fact]
    public void Items_the_admission_rule_refuses_are_disposed_and_never_received()
    {
        var counter = new ItemCounter();
        using var queue = new HandOffQueue<CountedItem>(4, item => item.Number % 2 == 0);
        for (var i = 0; i < 4; i++)
        {
            queue.Add(counter.Create());
        }

        var numbers = new List<int>();
        while (queue.Receive(out var item) == ReceiveResult.Output)
        {
            numbers.Add(item!.Number);
            item.Dispose();
        }

        Assert.Equal([0, 2], numbers);
        Assert.Equal(4, counter.Disposed);
    }

    [Fact]
    public void Unticketed_items_fill_the_capacity_for_an_owner_that_checks_IsFull_and_a_failure_comes_after_them()
    {
        var counter = new ItemCounter();
        using var queue = new HandOffQueue<CountedItem>(2);
        queue.Add(counter.Create());
        Assert.False(queue.IsFull);
        queue.Add(counter.Create());
        Assert.True(queue.IsFull);
        Assert.False(queue.TryReserve(out _));
        queue.Fail("decode failed");

        Assert.Equal(ReceiveResult.Output, queue.Receive(out var a));
        Assert.Equal(ReceiveResult.Output, queue.Receive(out var b));
        a!.Dispose();
        b!.Dispose();
        Assert.True(Assert.Throws<CodecException>(() => queue.Receive(out _)).IsRecoverable);
        Assert.Equal(2, counter.Disposed);
    }

    [Fact]
    public void A_ticket_reported_twice_frees_one_slot()
    {
        using var queue = new HandOffQueue<CountedItem>(2);
        Assert.True(queue.TryReserve(out var ticket));
        Assert.True(queue.TryReserve(out _));
        queue.Release(ticket);
        queue.Complete(ticket, null);

        Assert.Equal(1, queue.InFlight);
        Assert.True(queue.TryReserve(out _));
        Assert.False(queue.TryReserve(out _));
    }

    private sealed class ItemCounter
    {
        private int _created;
        private int _disposed;
        private int _disposedTwice;
        private int _peakAlive;

        public int Created => Volatile.Read(ref _created);

        public int Disposed => Volatile.Read(ref _disposed);

        public int DisposedTwice => Volatile.Read(ref _disposedTwice);

        public int Alive => Created - Disposed;

        public int PeakAlive => Volatile.Read(ref _peakAlive);

        public CountedItem Create() => new(this, Interlocked.Increment(ref _created) - 1);

        public void ObservePeak()
        {
            var alive = Alive;
            if (alive > _peakAlive)
            {
                _peakAlive = alive;
            }
        }

        public void CountDispose(bool twice) => Interlocked.Increment(ref twice ? ref _disposedTwice : ref _disposed);
    }

    private sealed class CountedItem(ItemCounter counter, int number) : IDisposable
    {
        private int _disposed;

        public int Number { get; } = number;

        public void Dispose() => counter.CountDispose(twice: Interlocked.Exchange(ref _disposed, 1) == 1);
    }
}
