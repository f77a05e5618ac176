using System.Collections.Immutable;
using Vtr.Native.FFmpeg;

namespace Vtr.Cli.Media;

/// <summary>
/// Builds a <see cref="ProbedPackets"/> from the packets of an <see cref="InputContext"/> as they are read, so a pass
/// that reads the file anyway (<see cref="MediaProbe"/>) also yields what the output check compares: every packet's
/// stream, timestamps and key flag, and a SHA-256 of each non-video packet's payload (video is re-encoded, so its
/// bytes are never compared). libavformat demuxes exactly as the ffprobe CLI does, without a second process or pass.
/// </summary>
internal sealed class PacketListing
{
    private readonly ImmutableArray<ProbedStream> _streams;
    private readonly ImmutableArray<ProbedPacket>.Builder _packets = ImmutableArray.CreateBuilder<ProbedPacket>();

    public PacketListing(InputContext input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var streams = ImmutableArray.CreateBuilder<ProbedStream>(input.StreamCount);
        for (var i = 0; i < input.StreamCount; i++)
        {
            var timeBase = input.StreamTimeBase(i);
            streams.Add(new ProbedStream(i, MediaProbe.ToKind(AvFormatFields.CodecType(input.Layout, input.StreamParameters(i))), timeBase.Num, timeBase.Den));
        }

        _streams = streams.MoveToImmutable();
    }

    /// <summary>Lists the packet <paramref name="input"/> just read.</summary>
    public void Add(InputContext input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var packet = input.Packet;
        var codecLayout = input.Runtime.Codecs.Layout;
        var stream = AvFormatFields.PacketStreamIndex(input.Layout, packet);
        var pts = AvFields.PacketPts(codecLayout, packet);
        var dts = AvFields.PacketDts(codecLayout, packet);
        var hash = default(PayloadHash);
        if (stream >= 0 && stream < _streams.Length && _streams[stream].Kind != MediaStreamKind.Video)
        {
            hash = PayloadHash.Of(AvFields.PacketPayload(codecLayout, packet));
        }

        _packets.Add(new ProbedPacket(
            stream,
            pts == AvLayout.NoPtsValue ? null : pts,
            dts == AvLayout.NoPtsValue ? null : dts,
            (AvFields.PacketFlags(codecLayout, packet) & AvLayout.PacketFlagKey) != 0,
            hash));
    }

    public ProbedPackets Build() => new(_streams, _packets.ToImmutable());

    /// <summary>Reads <paramref name="path"/> start to end into a listing.</summary>
    public static ProbedPackets Read(string path)
    {
        using var input = InputContext.Open(path);
        var listing = new PacketListing(input);
        while (input.ReadPacket())
        {
            listing.Add(input);
        }

        return listing.Build();
    }
}
