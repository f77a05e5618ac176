using Vtr.Integration.Tests.Media;
using Vtr.Shared.Bitstream;
using Vtr.Shared.Media;
using Vtr.Shared.Wire;

using Vtr.Testing.Processes;

namespace Vtr.Integration.Tests.Node;

/// <summary>
/// The decode client of WIRE.md §3.3 is lock-step: it sends one PACKET and blocks for one message. A node
/// that holds a picture back costs it a 5 s stall per packet; this client allows 1 s.
/// </summary>
public sealed class LockStepDecodeTests : NodeTestKit
{
    private const int Width = 320;
    private const int Height = 240;
    private const int Frames = 30;
    private static readonly TimeSpan FrameWait = TimeSpan.FromSeconds(1);

    [BackendFact]
    public Task Hevc_with_b_frames_answers_every_packet_with_a_frame_within_a_second() =>
        DecodeLockStepAsync(VideoCodec.Hevc, ["-c:v", "libx265", "-preset", "veryfast", "-x265-params", "log-level=error:bframes=4:keyint=15:aud=1"]);

    [BackendFact]
    public Task H264_with_b_frames_answers_every_packet_with_a_frame_within_a_second() =>
        DecodeLockStepAsync(VideoCodec.H264, ["-c:v", "libx264", "-preset", "veryfast", "-bf", "3", "-g", "15", "-x264-params", "aud=1:b-pyramid=normal"]);

    private async Task DecodeLockStepAsync(VideoCodec codec, string[] encoder)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var stream = await ToolRun.FfmpegPipeAsync(
            ["-v", "error", "-f", "lavfi", "-i", $"testsrc2=size={Width}x{Height}:rate=25", "-frames:v", $"{Frames}", "-pix_fmt", "yuv420p",
             .. encoder, "-f", codec.ToWireName(), "-"],
            TimeSpan.FromSeconds(60));
        var units = AccessUnits(codec, stream);
        Assert.Equal(Frames, units.Count);
        var configure = new ConfigureMessage(Width, Height, WirePixelFormat.Nv12, new Rational(1, 1), new Rational(25, 1),
            [new("mode", "decode")], ReadOnlyMemory<byte>.Empty);
        await using var client = await TestSessions.OpenEncoderAsync(NodeEndPoint, codec, configure, cts.Token);

        var pts = new List<long>();
        for (var i = 0; i < units.Count; i++)
        {
            await client.SendPacketAsync(units[i], i, i, 1, i == 0, cts.Token);
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cts.Token);
            wait.CancelAfter(FrameWait);
            var reply = await client.ReceiveAsync(wait.Token);
            using var frame = Assert.IsType<FrameMessage>(reply);
            pts.Add(frame.Pts);
        }

        await client.SendAsync(FlushMessage.Instance, cts.Token);
        Assert.IsType<DoneMessage>(await client.ReceiveAsync(cts.Token));
        Assert.Equal(Enumerable.Range(0, Frames).Select(i => (long)i), pts); // decode order, as VideoToolbox outputs
    }

    private static List<byte[]> AccessUnits(VideoCodec codec, byte[] stream)
    {
        var starts = new List<int>();
        var reader = NalUnitReader.ForAnnexB(stream);
        while (reader.TryReadNext(out var range))
        {
            var nal = stream.AsSpan(range.Offset, range.Length);
            if (codec == VideoCodec.Hevc ? HevcNalUnitType.Of(nal) == 35 : H264NalUnitType.Of(nal) == 9)
            {
                starts.Add(range.Offset - 3);
            }
        }

        starts.Add(stream.Length);
        return [.. starts.Zip(starts.Skip(1), (a, b) => stream[a..b])];
    }
}
