using System.Buffers;
using System.Collections.Immutable;
using Vtr.Shared.Compression;
using Vtr.Shared.Media;

namespace Vtr.Shared.Wire;

/// <summary>
/// FRAME (5): one raw picture. Planes read from the wire are decompressed into <see cref="ArrayPool{T}"/>
/// arrays this message owns (from the pool the reader was given, <see cref="ArrayPool{T}.Shared"/> unless a test
/// counts them): the last holder must <see cref="Dispose"/> it, after which <see cref="Planes"/> must not be touched.
/// </summary>
public sealed partial class FrameMessage : IVtr1Message, IDisposable
{
    /// <summary>Flag bit 0 (client → server): force a keyframe for this picture.</summary>
    public const uint ForceKeyframeFlag = 1;

    internal const int MinPlanes = 2;

    private readonly ArrayPool<byte> _pool;
    private byte[]?[]? _rentedPlanes;

    /// <summary>A frame over caller-owned plane memory; <see cref="Dispose"/> releases nothing.</summary>
    public FrameMessage(long pts, long duration, uint flags, IReadOnlyList<FramePlane> planes, ImmutableArray<SideDataEntry> sideData = default)
        : this(pts, duration, flags, planes, sideData, rentedPlanes: null, ArrayPool<byte>.Shared)
    {
    }

    private FrameMessage(long pts, long duration, uint flags, IReadOnlyList<FramePlane> planes, ImmutableArray<SideDataEntry> sideData,
        byte[]?[]? rentedPlanes, ArrayPool<byte> pool)
    {
        ArgumentNullException.ThrowIfNull(planes);
        Pts = pts;
        Duration = duration;
        Flags = flags;
        Planes = planes;
        SideData = sideData.IsDefault ? [] : sideData;
        _rentedPlanes = rentedPlanes;
        _pool = pool;
    }

    public Vtr1MessageType Type => Vtr1MessageType.Frame;

    public long Pts { get; }

    public long Duration { get; }

    public uint Flags { get; }

    public bool ForceKeyframe => (Flags & ForceKeyframeFlag) != 0;

    /// <summary>Decompressed planes, each exactly stride × height bytes.</summary>
    public IReadOnlyList<FramePlane> Planes { get; }

    public ImmutableArray<SideDataEntry> SideData { get; }

    /// <summary>
    /// Parses a FRAME payload and decompresses each plane with <paramref name="compression"/>.
    /// Plane count, stride × height and data_len are checked against the limits and the payload before
    /// any allocation. The result owns memory rented from <paramref name="pool"/> (default: the shared pool): dispose it.
    /// </summary>
    public static FrameMessage Read(ReadOnlySequence<byte> payload, WireCompression compression, Vtr1Limits limits, ArrayPool<byte>? pool = null)
    {
        pool ??= ArrayPool<byte>.Shared;
        var compressor = PlaneCompressors.For(compression);
        var reader = new Vtr1PayloadReader(payload);
        var pts = reader.ReadInt64("FRAME pts");
        var duration = reader.ReadInt64("FRAME duration");
        var flags = reader.ReadUInt32("FRAME flags");
        var planeCount = reader.ReadByte("FRAME plane_count");
        CheckPlaneCount(planeCount, limits);

        var planes = new FramePlane[planeCount];
        var rented = new byte[]?[planeCount];
        try
        {
            for (var i = 0; i < planeCount; i++)
            {
                planes[i] = ReadPlane(ref reader, compressor, limits, pool, out rented[i]);
            }

            var sideData = reader.End ? [] : ReadSideData(ref reader, limits);
            return new FrameMessage(pts, duration, flags, planes, sideData, rented, pool);
        }
        catch
        {
            ReturnAll(pool, rented);
            throw;
        }
    }

    /// <summary>Writes this frame with <paramref name="compression"/> (delegates to the static hot-path writer).</summary>
    public void Write(IBufferWriter<byte> output, WireCompression compression)
    {
        var count = Planes.Count;
        var views = ArrayPool<PlaneView>.Shared.Rent(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var plane = Planes[i];
                views[i] = new PlaneView(plane.Data, plane.Stride, plane.Height);
            }

            Write(output, Pts, Duration, Flags, views.AsSpan(0, count), compression, SideData.AsSpan());
        }
        finally
        {
            ArrayPool<PlaneView>.Shared.Return(views, clearArray: true);
        }
    }

    /// <summary>Writes this frame uncompressed (wire_compression 0).</summary>
    public void Write(IBufferWriter<byte> output) => Write(output, WireCompression.None);

    /// <summary>Returns the pooled plane buffers; idempotent.</summary>
    public void Dispose()
    {
        var rented = Interlocked.Exchange(ref _rentedPlanes, null);
        if (rented is not null)
        {
            ReturnAll(_pool, rented);
        }
    }

    private static FramePlane ReadPlane(ref Vtr1PayloadReader reader, IPlaneCompressor compressor, Vtr1Limits limits, ArrayPool<byte> pool, out byte[]? rented)
    {
        rented = null;
        var stride = reader.ReadUInt32("FRAME plane stride");
        var height = reader.ReadUInt32("FRAME plane height");
        var dataLength = reader.ReadUInt32("FRAME plane data_len");
        var size = CheckPlane(stride, height, dataLength, reader.Remaining, limits);
        var compressed = reader.ReadSlice(dataLength, "FRAME plane data");
        rented = pool.Rent(size);
        compressor.Decompress(compressed, rented.AsSpan(0, size));
        return new FramePlane((int)stride, (int)height, rented.AsMemory(0, size));
    }

    /// <summary>A frame over planes a reader rented from <paramref name="pool"/>; it returns them there on dispose.</summary>
    internal static FrameMessage FromRentedPlanes(long pts, long duration, uint flags, FramePlane[] planes, byte[]?[] rented,
        ImmutableArray<SideDataEntry> sideData, ArrayPool<byte> pool) =>
        new(pts, duration, flags, planes, sideData, rented, pool);

    internal static void CheckPlaneCount(byte planeCount, Vtr1Limits limits)
    {
        if (planeCount < MinPlanes || planeCount > limits.MaxPlanes)
        {
            throw Vtr1ProtocolException.Malformed($"FRAME has {planeCount} planes, expected {MinPlanes}..{limits.MaxPlanes}");
        }
    }

    /// <summary>Checks a plane head against the limits and the payload left; returns stride × height.</summary>
    internal static int CheckPlane(uint stride, uint height, uint dataLength, long payloadLeft, Vtr1Limits limits)
    {
        var rawLength = (long)stride * height;
        if (stride > int.MaxValue || height > int.MaxValue || rawLength > limits.MaxPlaneBytes || rawLength > Array.MaxLength)
        {
            throw Vtr1ProtocolException.Malformed($"FRAME plane {stride}×{height} exceeds the limit of {limits.MaxPlaneBytes} bytes");
        }

        if (dataLength > payloadLeft)
        {
            throw Vtr1ProtocolException.Malformed($"FRAME plane data_len {dataLength} runs past the payload ({payloadLeft} left)");
        }

        return (int)rawLength;
    }

    /// <summary>Parses a side-data trailer that is all that is left of a FRAME payload.</summary>
    internal static ImmutableArray<SideDataEntry> ReadSideData(ReadOnlySequence<byte> trailer, Vtr1Limits limits)
    {
        var reader = new Vtr1PayloadReader(trailer);
        return ReadSideData(ref reader, limits);
    }

    private static ImmutableArray<SideDataEntry> ReadSideData(ref Vtr1PayloadReader reader, Vtr1Limits limits)
    {
        var count = reader.ReadByte("FRAME side-data count");
        if (count > limits.MaxSideDataEntries)
        {
            throw Vtr1ProtocolException.Malformed($"FRAME has {count} side-data entries, the limit is {limits.MaxSideDataEntries}");
        }

        var builder = ImmutableArray.CreateBuilder<SideDataEntry>(count);
        for (var i = 0; i < count; i++)
        {
            var type = reader.ReadUInt32("FRAME side-data type");
            var size = reader.ReadUInt32("FRAME side-data size");
            if (size > reader.Remaining)
            {
                throw Vtr1ProtocolException.Malformed($"FRAME side-data of {size} bytes runs past the payload");
            }

            builder.Add(new SideDataEntry(type, reader.ReadBytes((int)size, "FRAME side-data")));
        }

        if (!reader.End)
        {
            throw Vtr1ProtocolException.Malformed($"FRAME has {reader.Remaining} bytes after its side-data trailer");
        }

        return builder.MoveToImmutable();
    }

    internal static void ReturnAll(ArrayPool<byte> pool, byte[]?[] rented)
    {
        for (var i = 0; i < rented.Length; i++)
        {
            if (rented[i] is { } array)
            {
                pool.Return(array);
                rented[i] = null;
            }
        }
    }
}
