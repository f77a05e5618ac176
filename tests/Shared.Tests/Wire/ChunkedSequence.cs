using System.Buffers;

namespace Vtr.Shared.Tests.Wire;

/// <summary>Builds multi-segment <see cref="ReadOnlySequence{T}"/>s to exercise segment boundaries.</summary>
internal static class ChunkedSequence
{
    public static ReadOnlySequence<byte> OneBytePerSegment(byte[] data) => Split(data, Enumerable.Repeat(1, data.Length));

    /// <summary>Splits <paramref name="data"/> into consecutive chunks of the given sizes (the rest goes last).</summary>
    public static ReadOnlySequence<byte> Split(byte[] data, IEnumerable<int> sizes)
    {
        if (data.Length == 0)
        {
            return ReadOnlySequence<byte>.Empty;
        }

        Segment? first = null;
        Segment? last = null;
        var offset = 0;
        foreach (var size in sizes.Append(int.MaxValue))
        {
            if (offset >= data.Length)
            {
                break;
            }

            var length = Math.Min(Math.Max(size, 1), data.Length - offset);
            var chunk = data.AsMemory(offset, length).ToArray();
            last = last is null ? first = new Segment(chunk, 0) : last.Append(chunk);
            offset += length;
        }

        return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
