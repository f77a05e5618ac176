using System.Collections.Immutable;
using FsCheck.Xunit;
using Vtr.Shared.Media;
using Vtr.Shared.Wire;

namespace Vtr.Shared.Tests.Wire;

/// <summary>Write then read yields the same message, for every message type (FsCheck-generated values).</summary>
public sealed class RoundTripProperties
{
    [Property]
    public void Hello_round_trips(string? token, string? codec, string? clientName, string? build)
    {
        AssertRoundTrip(new HelloMessage(Text(token), Text(codec), Text(clientName), Text(build)));
    }

    [Property]
    public void Hello_ack_round_trips(byte status, string? name, string? version, string?[]? capabilities, ushort maxSessions, ushort active)
    {
        AssertRoundTrip(new HelloAckMessage((HelloStatus)status, Text(name), Text(version), Texts(capabilities, 255), maxSessions, active));
    }

    [Property]
    public void Configure_round_trips(uint width, uint height, bool p010, uint tbNum, uint tbDen, uint frNum, uint frDen, string?[]? keys, byte[]? extradata)
    {
        var options = Texts(keys, 256).Select((key, i) => new KeyValuePair<string, string>(key, $"{i}")).ToImmutableArray();
        AssertRoundTrip(new ConfigureMessage(
            width, height, p010 ? WirePixelFormat.P010 : WirePixelFormat.Nv12, new Rational(tbNum, tbDen), new Rational(frNum, frDen),
            options, extradata ?? []));
    }

    [Property]
    public void Configure_ack_round_trips(byte status, byte[]? extradata, byte pixelFormat, string?[]? warnings)
    {
        AssertRoundTrip(new ConfigureAckMessage(status, extradata ?? [], (WirePixelFormat)pixelFormat, Texts(warnings, 255)));
    }

    [Property]
    public void Packet_round_trips(long pts, long dts, long duration, uint flags, byte[]? data)
    {
        AssertRoundTrip(new PacketMessage(pts, dts, duration, flags, data ?? []));
    }

    [Property]
    public void Error_round_trips(uint code, string? text)
    {
        AssertRoundTrip(new ErrorMessage(code, Text(text)));
    }

    [Property]
    public void Empty_and_unknown_messages_round_trip(ushort rawType)
    {
        ushort[] emptyTypes = [7, 8, 10, 11];
        rawType = rawType is >= 1 and <= 12 ? emptyTypes[rawType % emptyTypes.Length] : rawType; // 12 = QUALITY has fields
        var bytes = WireBytes.Of(new UnknownMessage(rawType));

        var parsed = WireBytes.Parse(bytes);

        Assert.Equal((Vtr1MessageType)rawType, parsed.Type);
        Assert.Equal(bytes, WireBytes.Of(parsed));
    }

    [Property(MaxTest = 60)]
    public void Frame_round_trips_under_every_compression(long pts, long duration, uint flags, byte compression, byte strideSeed, byte[]? luma, byte[]? chroma, byte[]? caption)
    {
        var wireCompression = (WireCompression)(compression % 3);
        var planes = new[] { Plane(luma, strideSeed), Plane(chroma, strideSeed), Plane(luma, 1) };
        var planeCount = 2 + (compression % 2);
        ImmutableArray<SideDataEntry> sideData = caption is null ? [] : [new SideDataEntry(1, caption)];
        using var frame = new FrameMessage(pts, duration, flags, planes[..planeCount], sideData);

        var bytes = WireBytes.OfFrame(frame, wireCompression);
        using var parsed = Assert.IsType<FrameMessage>(WireBytes.Parse(bytes, wireCompression));

        Assert.Equal((pts, duration, flags), (parsed.Pts, parsed.Duration, parsed.Flags));
        Assert.Equal(frame.Planes, parsed.Planes);
        Assert.Equal(frame.SideData.AsEnumerable(), parsed.SideData);
        Assert.Equal(bytes, WireBytes.OfFrame(parsed, wireCompression));
    }

    private static FramePlane Plane(byte[]? data, byte strideSeed)
    {
        data ??= [];
        var stride = strideSeed % 16 + 1;
        var height = data.Length / stride;
        return new FramePlane(stride, height, data.AsMemory(0, stride * height));
    }

    private static void AssertRoundTrip(IVtr1Message message)
    {
        var bytes = WireBytes.Of(message);

        var parsed = WireBytes.Parse(bytes);

        Assert.Equal(message, parsed);
        Assert.Equal(bytes, WireBytes.Of(parsed));
    }

    /// <summary>Generated strings minus lone surrogates (not encodable as UTF-8), within the string limit.</summary>
    private static string Text(string? value)
    {
        var kept = new string((value ?? string.Empty).Where(c => !char.IsSurrogate(c)).ToArray());
        return kept.Length > 1000 ? kept[..1000] : kept;
    }

    private static ImmutableArray<string> Texts(string?[]? values, int max) =>
        (values ?? []).Take(max).Select(Text).ToImmutableArray();
}
