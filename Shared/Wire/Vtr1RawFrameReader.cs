using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;

namespace Vtr.Shared.Wire;

/// <summary>
/// Reads a large uncompressed FRAME with its plane bytes going from the socket straight into the pooled plane
/// arrays, instead of socket → pipe buffer → plane (one 3 MB copy less per 1080p frame on the node). Heads and
/// whatever the pipe already buffered are taken from the pipe; once it is drained, the rest of a plane is read from
/// the stream under it. The checks are those of <see cref="FrameMessage.Read"/>, made before each allocation.
/// </summary>
internal static class Vtr1RawFrameReader
{
    /// <summary>Smaller FRAMEs are simply buffered whole: the copy they would save is not worth a detour.</summary>
    public const int MinimumPayload = 256 * 1024;

    private const int HeadBytes = Vtr1Header.Size + FrameMessage.FixedHeadBytes;

    /// <summary>True when <paramref name="buffer"/> starts with the (valid) header of a FRAME worth reading directly.</summary>
    public static bool Wants(in ReadOnlySequence<byte> buffer, Vtr1Limits limits, out long payloadLength)
    {
        payloadLength = 0;
        if (!Vtr1FrameReader.TryPeekHeader(buffer, limits, out var type, out var length) || type != Vtr1MessageType.Frame || length < MinimumPayload)
        {
            return false;
        }

        payloadLength = length;
        return true;
    }

    /// <summary>
    /// Reads the FRAME whose header starts the unread part of <paramref name="input"/>; <paramref name="source"/> is the
    /// stream <paramref name="input"/> reads from, and no read of <paramref name="input"/> may be pending. Planes are
    /// rented from <paramref name="pool"/>.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public static async ValueTask<FrameMessage> ReadAsync(PipeReader input, Stream source, long payloadLength, Vtr1Limits limits,
        ArrayPool<byte> pool, CancellationToken ct)
    {
        var head = new byte[HeadBytes];
        await ReadHeadAsync(input, head, ct).ConfigureAwait(false);
        var pts = BinaryPrimitives.ReadInt64BigEndian(head.AsSpan(Vtr1Header.Size));
        var duration = BinaryPrimitives.ReadInt64BigEndian(head.AsSpan(Vtr1Header.Size + 8));
        var flags = BinaryPrimitives.ReadUInt32BigEndian(head.AsSpan(Vtr1Header.Size + 16));
        var planeCount = head[HeadBytes - 1];
        FrameMessage.CheckPlaneCount(planeCount, limits);
        var left = payloadLength - FrameMessage.FixedHeadBytes;
        var planes = new FramePlane[planeCount];
        var rented = new byte[]?[planeCount];
        try
        {
            for (var i = 0; i < planeCount; i++)
            {
                if (left < FrameMessage.PlaneHeadBytes)
                {
                    throw Vtr1ProtocolException.Malformed($"FRAME plane {i} head runs past the payload ({left} left)");
                }

                var planeHead = head.AsMemory(0, FrameMessage.PlaneHeadBytes);
                await ReadHeadAsync(input, planeHead, ct).ConfigureAwait(false);
                left -= FrameMessage.PlaneHeadBytes;
                var stride = BinaryPrimitives.ReadUInt32BigEndian(planeHead.Span);
                var height = BinaryPrimitives.ReadUInt32BigEndian(planeHead.Span[4..]);
                var dataLength = BinaryPrimitives.ReadUInt32BigEndian(planeHead.Span[8..]);
                var size = FrameMessage.CheckPlane(stride, height, dataLength, left, limits);
                if (dataLength != size)
                {
                    throw Vtr1ProtocolException.Malformed($"raw plane carries {dataLength} bytes, stride × height is {size}");
                }

                rented[i] = pool.Rent(size);
                var plane = rented[i].AsMemory(0, size);
                await ReadPlaneAsync(input, source, plane, ct).ConfigureAwait(false);
                left -= size;
                planes[i] = new FramePlane((int)stride, (int)height, plane);
            }

            var sideData = left == 0 ? [] : await ReadTrailerAsync(input, left, limits, ct).ConfigureAwait(false);
            return FrameMessage.FromRentedPlanes(pts, duration, flags, planes, rented, sideData, pool);
        }
        catch
        {
            FrameMessage.ReturnAll(pool, rented);
            throw;
        }
    }

    private static ValueTask<bool> ReadHeadAsync(PipeReader input, Memory<byte> destination, CancellationToken ct) =>
        ReadFromPipeAsync(input, destination.Length, bytes =>
        {
            bytes.CopyTo(destination.Span);
            return true;
        }, ct);

    private static async ValueTask ReadPlaneAsync(PipeReader input, Stream source, Memory<byte> destination, CancellationToken ct)
    {
        var filled = 0;
        if (input.TryRead(out var result))
        {
            var buffer = result.Buffer;
            filled = (int)Math.Min(buffer.Length, destination.Length);
            buffer.Slice(0, filled).CopyTo(destination.Span);
            input.AdvanceTo(buffer.GetPosition(filled));
        }

        if (filled == destination.Length)
        {
            return;
        }

        try
        {
            // The pipe holds nothing more: read past it, straight into the plane.
            await source.ReadExactlyAsync(destination[filled..], ct).ConfigureAwait(false);
        }
        catch (EndOfStreamException)
        {
            throw EndedInside();
        }
    }

    private static ValueTask<System.Collections.Immutable.ImmutableArray<SideDataEntry>> ReadTrailerAsync(
        PipeReader input, long length, Vtr1Limits limits, CancellationToken ct) =>
        ReadFromPipeAsync(input, (int)length, bytes => FrameMessage.ReadSideData(bytes, limits), ct);

    /// <summary>Waits until the pipe holds <paramref name="length"/> bytes, hands exactly those to <paramref name="use"/>, consumes them.</summary>
    private static async ValueTask<T> ReadFromPipeAsync<T>(PipeReader input, int length, Func<ReadOnlySequence<byte>, T> use, CancellationToken ct)
    {
        var result = await input.ReadAtLeastAsync(length, ct).ConfigureAwait(false);
        var buffer = result.Buffer;
        if (buffer.Length < length)
        {
            input.AdvanceTo(buffer.Start, buffer.End);
            throw EndedInside();
        }

        try
        {
            return use(buffer.Slice(0, length));
        }
        finally
        {
            input.AdvanceTo(buffer.GetPosition(length));
        }
    }

    private static Vtr1ProtocolException EndedInside() => Vtr1ProtocolException.Malformed("stream ended inside a FRAME");
}
