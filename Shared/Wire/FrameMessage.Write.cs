using System.Buffers;
using System.Buffers.Binary;
using Vtr.Shared.Compression;
using Vtr.Shared.Media;

namespace Vtr.Shared.Wire;

public sealed partial class FrameMessage
{
    internal const int FixedHeadBytes = 21;
    internal const int PlaneHeadBytes = 12;
    internal const int SideDataHeadBytes = 8;

    /// <summary>
    /// Hot-path FRAME writer used by node and client without building a message. It asks the output
    /// for one span sized for the worst case (header, plane heads, MaxCompressedLength of every plane,
    /// side data), compresses each plane straight into it, patches each data_len and the header length,
    /// then advances once by the bytes actually written. Each plane contributes stride × height bytes
    /// of <see cref="PlaneView.Data"/>. The side-data trailer is written only when entries exist.
    /// </summary>
    public static void Write(
        IBufferWriter<byte> output,
        long pts,
        long duration,
        uint flags,
        ReadOnlySpan<PlaneView> planes,
        WireCompression compression,
        ReadOnlySpan<SideDataEntry> sideData = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (planes.Length > byte.MaxValue || sideData.Length > byte.MaxValue)
        {
            throw new ArgumentException($"FRAME carries at most 255 planes and 255 side-data entries ({planes.Length}, {sideData.Length} given)");
        }

        var compressor = PlaneCompressors.For(compression);
        var bound = (long)Vtr1Header.Size + FixedHeadBytes + SideDataBound(sideData);
        foreach (var plane in planes)
        {
            bound += PlaneHeadBytes + compressor.MaxCompressedLength(RawLength(plane));
        }

        if (bound > int.MaxValue)
        {
            throw new ArgumentException($"FRAME of up to {bound} bytes does not fit a u32 payload buffer", nameof(planes));
        }

        var message = output.GetSpan((int)bound);
        WriteFixedHead(message[Vtr1Header.Size..], pts, duration, flags, planes.Length);
        var position = Vtr1Header.Size + FixedHeadBytes;
        foreach (var plane in planes)
        {
            var raw = plane.Data.Span[..RawLength(plane)];
            var written = compressor.Compress(raw, message[(position + PlaneHeadBytes)..]);
            WritePlaneHead(message[position..], plane, written);
            position += PlaneHeadBytes + written;
        }

        position += WriteSideData(message[position..], sideData);
        Vtr1Header.Write(message, Vtr1MessageType.Frame, position - Vtr1Header.Size);
        output.Advance(position);
    }

    /// <summary>Bytes of <see cref="WriteRawPlaneHead"/>.</summary>
    public const int RawPlaneHeadBytes = PlaneHeadBytes;

    /// <summary>Bytes of <see cref="WriteRawHead"/>: message header, fixed FRAME fields and the first plane head.</summary>
    public const int RawHeadBytes = Vtr1Header.Size + FixedHeadBytes + PlaneHeadBytes;

    /// <summary>
    /// For senders that put uncompressed planes on the socket straight from their own memory (gather I/O, no copy
    /// into a send buffer): writes the <see cref="RawHeadBytes"/> that precede the first plane's data. Each later
    /// plane's data is preceded by its <see cref="WriteRawPlaneHead"/>. The bytes equal
    /// <see cref="Write(IBufferWriter{byte}, long, long, uint, ReadOnlySpan{PlaneView}, WireCompression, ReadOnlySpan{SideDataEntry})"/>
    /// with <see cref="WireCompression.None"/> and no side data.
    /// </summary>
    public static void WriteRawHead(Span<byte> destination, long pts, long duration, uint flags, ReadOnlySpan<PlaneView> planes)
    {
        if (planes.IsEmpty || planes.Length > byte.MaxValue)
        {
            throw new ArgumentException($"FRAME carries 1..255 planes ({planes.Length} given)", nameof(planes));
        }

        long payload = FixedHeadBytes;
        foreach (var plane in planes)
        {
            payload += PlaneHeadBytes + RawLength(plane);
        }

        if (payload > int.MaxValue)
        {
            throw new ArgumentException($"FRAME of {payload} bytes does not fit a u32 payload", nameof(planes));
        }

        Vtr1Header.Write(destination, Vtr1MessageType.Frame, (int)payload);
        WriteFixedHead(destination[Vtr1Header.Size..], pts, duration, flags, planes.Length);
        WriteRawPlaneHead(destination[(Vtr1Header.Size + FixedHeadBytes)..], planes[0]);
    }

    /// <summary>The 12-byte head of an uncompressed plane: stride, height, data_len = stride × height.</summary>
    public static void WriteRawPlaneHead(Span<byte> destination, PlaneView plane) => WritePlaneHead(destination, plane, RawLength(plane));

    /// <summary>pts, duration, flags and plane count: the FRAME fields before the first plane head.</summary>
    private static void WriteFixedHead(Span<byte> destination, long pts, long duration, uint flags, int planeCount)
    {
        BinaryPrimitives.WriteInt64BigEndian(destination, pts);
        BinaryPrimitives.WriteInt64BigEndian(destination[8..], duration);
        BinaryPrimitives.WriteUInt32BigEndian(destination[16..], flags);
        destination[20] = (byte)planeCount;
    }

    private static void WritePlaneHead(Span<byte> destination, PlaneView plane, int dataLength)
    {
        BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)plane.Stride);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], (uint)plane.Height);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], (uint)dataLength);
    }

    private static int RawLength(PlaneView plane)
    {
        if (plane.Stride < 0 || plane.Height < 0)
        {
            throw new ArgumentException($"plane {plane.Stride}×{plane.Height} has a negative dimension", nameof(plane));
        }

        var length = (long)plane.Stride * plane.Height;
        return length <= plane.Data.Length
            ? (int)length
            : throw new ArgumentException($"plane {plane.Stride}×{plane.Height} needs {length} bytes, {plane.Data.Length} given", nameof(plane));
    }

    private static long SideDataBound(ReadOnlySpan<SideDataEntry> sideData)
    {
        if (sideData.IsEmpty)
        {
            return 0;
        }

        long bound = 1;
        foreach (var entry in sideData)
        {
            bound += SideDataHeadBytes + entry.Data.Length;
        }

        return bound;
    }

    private static int WriteSideData(Span<byte> destination, ReadOnlySpan<SideDataEntry> sideData)
    {
        if (sideData.IsEmpty)
        {
            return 0;
        }

        destination[0] = (byte)sideData.Length;
        var position = 1;
        foreach (var entry in sideData)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination[position..], entry.Type);
            BinaryPrimitives.WriteUInt32BigEndian(destination[(position + 4)..], (uint)entry.Data.Length);
            entry.Data.Span.CopyTo(destination[(position + SideDataHeadBytes)..]);
            position += SideDataHeadBytes + entry.Data.Length;
        }

        return position;
    }
}
