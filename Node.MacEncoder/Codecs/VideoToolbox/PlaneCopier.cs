namespace Vtr.Node.Codecs.VideoToolbox;

/// <summary>
/// Row copies between planes of different strides, as the original server does (WIRE.md §5.2): each row copies
/// min(rowBytes, sourceStride, destinationStride) bytes, for as many rows as both sides hold.
/// </summary>
public static class PlaneCopier
{
    /// <summary>Copies rows and returns how many were copied.</summary>
    public static int CopyRows(ReadOnlySpan<byte> source, int sourceStride, Span<byte> destination, int destinationStride,
        int rowBytes, int rows)
    {
        if (sourceStride <= 0 || destinationStride <= 0 || rowBytes <= 0 || rows <= 0)
        {
            return 0;
        }

        var count = Math.Min(rowBytes, Math.Min(sourceStride, destinationStride));
        var available = Math.Min(RowsIn(source.Length, sourceStride, count), RowsIn(destination.Length, destinationStride, count));
        var copied = Math.Min(rows, available);
        for (var row = 0; row < copied; row++)
        {
            source.Slice(row * sourceStride, count).CopyTo(destination.Slice(row * destinationStride, count));
        }

        return copied;
    }

    /// <summary>Rows of <paramref name="count"/> bytes that fit in a buffer of <paramref name="length"/> with this stride.</summary>
    private static int RowsIn(int length, int stride, int count) => length < count ? 0 : ((length - count) / stride) + 1;
}
