using System.Buffers;
using System.Collections.Immutable;
using Vtr.Shared.Media;

namespace Vtr.Shared.Wire;

/// <summary>
/// CONFIGURE (3), client → server: stream geometry, timing, the option map (order kept for
/// byte-identical re-serialisation) and extradata.
/// </summary>
public sealed record ConfigureMessage(
    uint Width,
    uint Height,
    WirePixelFormat PixelFormat,
    Rational TimeBase,
    Rational FrameRate,
    ImmutableArray<KeyValuePair<string, string>> Options,
    ReadOnlyMemory<byte> Extradata) : IVtr1Message
{
    /// <summary>The option that selects the plane compression of every FRAME.</summary>
    public const string WireCompressionOption = "wire_compression";

    /// <summary>The option that selects "encode" or "decode".</summary>
    public const string ModeOption = "mode";

    /// <summary>vtr extension: the cluster lease the session runs (docs/protocol.md, "Extension: lease"), so the node can
    /// match the coordinator's word that this copy of a segment lost to another.</summary>
    public const string LeaseOption = "lease";

    internal const int FixedHeadBytes = 25;

    public Vtr1MessageType Type => Vtr1MessageType.Configure;

    /// <summary>
    /// The FRAME plane compression; throws <see cref="Vtr1ProtocolException"/> (UnsupportedConfiguration)
    /// when <c>wire_compression</c> is present but not 0, 1 or 2.
    /// </summary>
    public WireCompression Compression => TryGetCompression(out var compression)
        ? compression
        : throw new Vtr1ProtocolException(
            Vtr1ErrorCode.UnsupportedConfiguration,
            $"unsupported wire_compression={GetOption(WireCompressionOption)}");

    /// <summary>The value of <paramref name="key"/>; the last duplicate wins, as in the original server.</summary>
    public string? GetOption(string key)
    {
        var options = Options.IsDefault ? [] : Options;
        for (var i = options.Length - 1; i >= 0; i--)
        {
            if (string.Equals(options[i].Key, key, StringComparison.Ordinal))
            {
                return options[i].Value;
            }
        }

        return null;
    }

    /// <summary>Absent → None; "0", "1", "2" → the matching value; anything else → false.</summary>
    public bool TryGetCompression(out WireCompression compression)
    {
        switch (GetOption(WireCompressionOption))
        {
            case null or "0":
                compression = WireCompression.None;
                return true;
            case "1":
                compression = WireCompression.Lz4;
                return true;
            case "2":
                compression = WireCompression.Zstd;
                return true;
            default:
                compression = WireCompression.None;
                return false;
        }
    }

    /// <summary>
    /// The first 25 bytes are required; the option block is read when at least 2 bytes remain and the
    /// extradata when at least 4 remain after it (the original server's tolerance). A pixel format
    /// other than NV12/P010 is an UnsupportedConfiguration.
    /// </summary>
    public static ConfigureMessage Read(ReadOnlySequence<byte> payload, Vtr1Limits limits)
    {
        var reader = new Vtr1PayloadReader(payload);
        var width = reader.ReadUInt32("CONFIGURE width");
        var height = reader.ReadUInt32("CONFIGURE height");
        var pixelFormat = reader.ReadByte("CONFIGURE pix_fmt");
        var timeBase = new Rational(reader.ReadUInt32("CONFIGURE time_base_num"), reader.ReadUInt32("CONFIGURE time_base_den"));
        var frameRate = new Rational(reader.ReadUInt32("CONFIGURE framerate_num"), reader.ReadUInt32("CONFIGURE framerate_den"));
        if (pixelFormat is not ((byte)WirePixelFormat.Nv12 or (byte)WirePixelFormat.P010))
        {
            throw new Vtr1ProtocolException(Vtr1ErrorCode.UnsupportedConfiguration, $"unsupported pix_fmt {pixelFormat}");
        }

        var options = ImmutableArray<KeyValuePair<string, string>>.Empty;
        if (reader.Remaining >= sizeof(ushort))
        {
            options = ReadOptions(ref reader, limits);
        }

        ReadOnlyMemory<byte> extradata = Array.Empty<byte>();
        if (reader.Remaining >= sizeof(uint))
        {
            var length = reader.ReadUInt32("CONFIGURE extradata_len");
            if (length > limits.MaxExtradataBytes)
            {
                throw Vtr1ProtocolException.Malformed($"CONFIGURE extradata of {length} bytes exceeds the limit of {limits.MaxExtradataBytes}");
            }

            extradata = reader.ReadBytes((int)length, "CONFIGURE extradata");
        }

        return new ConfigureMessage(width, height, (WirePixelFormat)pixelFormat, timeBase, frameRate, options, extradata);
    }

    public void Write(IBufferWriter<byte> output)
    {
        var options = Options.IsDefault ? [] : Options;
        if (options.Length > ushort.MaxValue)
        {
            throw new InvalidOperationException($"{options.Length} options exceed the u16 count");
        }

        var length = FixedHeadBytes + sizeof(ushort) + sizeof(uint) + Extradata.Length;
        foreach (var option in options)
        {
            length += Vtr1PayloadWriter.StringSize(option.Key) + Vtr1PayloadWriter.StringSize(option.Value);
        }

        var writer = Vtr1PayloadWriter.Begin(output, Type, length);
        writer.WriteUInt32(Width);
        writer.WriteUInt32(Height);
        writer.WriteByte((byte)PixelFormat);
        writer.WriteUInt32(TimeBase.Numerator);
        writer.WriteUInt32(TimeBase.Denominator);
        writer.WriteUInt32(FrameRate.Numerator);
        writer.WriteUInt32(FrameRate.Denominator);
        writer.WriteUInt16((ushort)options.Length);
        foreach (var option in options)
        {
            writer.WriteString(option.Key);
            writer.WriteString(option.Value);
        }

        writer.WriteUInt32((uint)Extradata.Length);
        writer.WriteBytes(Extradata.Span);
        writer.Commit(output);
    }

    public bool Equals(ConfigureMessage? other) =>
        other is not null && Width == other.Width && Height == other.Height && PixelFormat == other.PixelFormat
        && TimeBase == other.TimeBase && FrameRate == other.FrameRate
        && WireEquality.SequenceEqual(Options, other.Options) && WireEquality.BytesEqual(Extradata, other.Extradata);

    public override int GetHashCode() => HashCode.Combine(Width, Height, PixelFormat, TimeBase, FrameRate);

    private static ImmutableArray<KeyValuePair<string, string>> ReadOptions(ref Vtr1PayloadReader reader, Vtr1Limits limits)
    {
        var count = reader.ReadUInt16("CONFIGURE option count");
        if (count > limits.MaxOptions)
        {
            throw Vtr1ProtocolException.Malformed($"CONFIGURE has {count} options, the limit is {limits.MaxOptions}");
        }

        var builder = ImmutableArray.CreateBuilder<KeyValuePair<string, string>>(count);
        for (var i = 0; i < count; i++)
        {
            var key = reader.ReadString(limits.MaxStringBytes, "CONFIGURE option key");
            var value = reader.ReadString(limits.MaxStringBytes, "CONFIGURE option value");
            builder.Add(new KeyValuePair<string, string>(key, value));
        }

        return builder.MoveToImmutable();
    }
}
