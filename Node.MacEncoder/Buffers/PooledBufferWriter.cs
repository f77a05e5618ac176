using System.Buffers;

namespace Vtr.Node.Buffers;

/// <summary>
/// An <see cref="IBufferWriter{T}"/> over one array rented from a pool on first use (a larger one is rented, and the
/// smaller returned, when a span bigger than what is left is asked for; a writer asked once for its whole size, as
/// FrameMessage.Write does, rents once). <see cref="Dispose"/> returns the array; the written bytes must not be
/// used after it.
/// </summary>
public sealed class PooledBufferWriter(ArrayPool<byte> pool) : IBufferWriter<byte>, IDisposable
{
    private byte[]? _buffer = [];
    private int _written;

    public ReadOnlyMemory<byte> WrittenMemory => Buffer.AsMemory(0, _written);

    public int WrittenCount => _written;

    private byte[] Buffer => _buffer ?? throw new ObjectDisposedException(nameof(PooledBufferWriter));

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (_written + count > Buffer.Length)
        {
            throw new InvalidOperationException($"advanced {count} bytes past the {Buffer.Length - _written} available");
        }

        _written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return Buffer.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return Buffer.AsSpan(_written);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _buffer, null) is { Length: > 0 } buffer)
        {
            pool.Return(buffer);
        }
    }

    private void Reserve(int sizeHint)
    {
        var needed = Math.Max(sizeHint, 1);
        var buffer = Buffer;
        if (buffer.Length - _written >= needed)
        {
            return;
        }

        var larger = pool.Rent(checked(Math.Max(_written + needed, buffer.Length * 2)));
        buffer.AsSpan(0, _written).CopyTo(larger);
        if (buffer.Length > 0)
        {
            pool.Return(buffer); // the empty array it starts with was never rented
        }

        _buffer = larger;
    }
}
