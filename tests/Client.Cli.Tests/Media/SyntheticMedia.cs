using System.Collections.Immutable;
using Vtr.Cli.Media;
using Vtr.Shared.Media;

namespace Vtr.Client.Cli.Tests.Media;

/// <summary>Probe results built by hand, for the pure planners: no file behind them.</summary>
internal static class SyntheticMedia
{
    /// <summary>Closed GOPs of <paramref name="gop"/> frames at 25 fps (tb 1/25), 2 B-frames: decode order I P B B P B B ...</summary>
    public static MediaInfo ClosedGop(int frames, int gop = 25)
    {
        var packets = ImmutableArray.CreateBuilder<VideoPacketInfo>();
        for (var start = 0; start < frames; start += gop)
        {
            var end = Math.Min(start + gop, frames);
            var order = new List<long> { start };
            var anchor = start;
            for (var p = start + 3; p < end; p += 3)
            {
                order.AddRange([p, p - 2, p - 1]);
                anchor = p;
            }

            for (var q = anchor + 1; q < end; q++)
            {
                order.Add(q);
            }

            foreach (var pts in order)
            {
                packets.Add(new VideoPacketInfo(packets.Count, pts, packets.Count - 2, 1, pts == start, -1));
            }
        }

        return Info(packets.ToImmutable());
    }

    public static MediaInfo Info(ImmutableArray<VideoPacketInfo> packets) => new(
        "synthetic", "mp4", [], 0, VideoCodec.H264, new Rational(1, 25), 64, 64, "yuv420p", 8, [], packets, TimeSpan.Zero);
}
