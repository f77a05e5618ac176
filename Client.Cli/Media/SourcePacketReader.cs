using Vtr.Native.FFmpeg;

namespace Vtr.Cli.Media;

/// <summary>
/// Reads the source video packets of one segment (or any decode-order range): H.264/HEVC as Annex B, other codecs as stored. Each read seeks backward
/// to the keyframe at or before the range start (by dts) instead of reading from the file start, then skips to the
/// exact first packet; if the demuxer cannot seek, the input is reopened and read from the start.
/// Not thread-safe: one reader per concurrent consumer.
/// </summary>
public sealed class SourcePacketReader : IDisposable
{
    private readonly MediaInfo _info;
    private InputContext _input;

    private SourcePacketReader(MediaInfo info, InputContext input)
    {
        _info = info;
        _input = input;
    }

    /// <summary>Opens <see cref="MediaInfo.Path"/>; <paramref name="info"/> must come from <see cref="MediaProbe.Probe"/> of that file.</summary>
    public static SourcePacketReader Open(MediaInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        return new SourcePacketReader(info, InputContext.Open(info.Path));
    }

    /// <summary>The packets a node needs for <paramref name="plan"/>: from <see cref="SegmentPlan.DecodeFromPacketIndex"/>
    /// (earlier than the segment's own first packet for open-GOP leading frames) to <see cref="SegmentPlan.EndPacketIndex"/>.</summary>
    public IEnumerable<SourcePacket> ReadSegment(SegmentPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return ReadPackets(plan.DecodeFromPacketIndex, plan.EndPacketIndex);
    }

    /// <summary>Packets <paramref name="firstIndex"/> (should be a keyframe) to <paramref name="endIndex"/> (exclusive), decode order.</summary>
    public IEnumerable<SourcePacket> ReadPackets(int firstIndex, int endIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(firstIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(endIndex, _info.VideoPackets.Length);
        if (firstIndex >= endIndex)
        {
            yield break;
        }

        var seeked = _input.TrySeekBackward(_info.VideoStreamIndex, _info.VideoPackets[firstIndex].Dts);
        if (!seeked)
        {
            Reopen();
        }

        // Only H.264/HEVC become Annex B; every other codec's packets travel as the container stores them.
        using var filter = _info.VideoCodec.TryGetVideoCodec(out var nalCodec) ? AnnexBFilter.Create(_input, _info.VideoStreamIndex, nalCodec) : null;
        var codecLayout = _input.Runtime.Codecs.Layout;
        var next = firstIndex;
        var restarted = !seeked;
        while (next < endIndex)
        {
            if (!_input.ReadPacket())
            {
                throw new MediaProcessingException(
                    $"'{_info.Path}' ended before video packet {next} (of {_info.VideoPackets.Length}); the file changed since it was probed.");
            }

            var packet = _input.Packet;
            if (AvFormatFields.PacketStreamIndex(_input.Layout, packet) != _info.VideoStreamIndex)
            {
                continue;
            }

            var expected = _info.VideoPackets[next];
            var pts = AvFields.PacketPts(codecLayout, packet);
            var dts = AvFields.PacketDts(codecLayout, packet);
            if (!_info.DtsFromContainer)
            {
                dts = AvLayout.NoPtsValue; // the probe synthesized its own: match on pts alone
            }

            if (!Matches(expected, pts, dts))
            {
                if (next > firstIndex)
                {
                    throw new MediaProcessingException(
                        $"'{_info.Path}': video packet {next} read back with pts {pts}/dts {dts}, probed as {expected.Pts}/{expected.Dts}.");
                }

                var overshot = dts != AvLayout.NoPtsValue
                    ? dts > expected.Dts
                    : (AvFields.PacketFlags(codecLayout, packet) & AvLayout.PacketFlagKey) != 0 && pts > expected.Pts;
                if (!restarted && overshot)
                {
                    // The seek landed after the wanted packet: read from the start instead.
                    Reopen();
                    restarted = true;
                }

                continue;
            }

            var data = filter?.Convert(packet, codecLayout, expected.IsKeyframe, next == firstIndex) ?? CopyPayload(packet, codecLayout);
            yield return new SourcePacket(expected.Index, expected.Pts, expected.Dts, expected.Duration, expected.IsKeyframe, data);
            next++;
        }
    }

    private static byte[] CopyPayload(nint packet, AvLayout codecLayout) => AvFields.PacketPayload(codecLayout, packet).ToArray();

    private static bool Matches(VideoPacketInfo expected, long pts, long dts) =>
        (pts == AvLayout.NoPtsValue || pts == expected.Pts) && (dts == AvLayout.NoPtsValue || dts == expected.Dts)
        && (pts != AvLayout.NoPtsValue || dts != AvLayout.NoPtsValue);

    private void Reopen()
    {
        _input.Dispose();
        _input = InputContext.Open(_info.Path);
    }

    public void Dispose() => _input.Dispose();
}
