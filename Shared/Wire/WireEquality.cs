using System.Collections.Immutable;

namespace Vtr.Shared.Wire;

/// <summary>
/// Value equality for the collection fields of message records (records compare
/// <see cref="ImmutableArray{T}"/> and memory by reference, which is useless for messages).
/// </summary>
internal static class WireEquality
{
    public static bool SequenceEqual<T>(ImmutableArray<T> left, ImmutableArray<T> right)
    {
        var a = left.IsDefault ? [] : left;
        var b = right.IsDefault ? [] : right;
        if (a.Length != b.Length)
        {
            return false;
        }

        var comparer = EqualityComparer<T>.Default;
        for (var i = 0; i < a.Length; i++)
        {
            if (!comparer.Equals(a[i], b[i]))
            {
                return false;
            }
        }

        return true;
    }

    public static bool BytesEqual(ReadOnlyMemory<byte> left, ReadOnlyMemory<byte> right) =>
        left.Span.SequenceEqual(right.Span);
}
