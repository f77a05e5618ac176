using System.Collections.Immutable;
using System.Net;
using Vtr.Cli.Media;
using Vtr.Cli.Segmenting;
using Vtr.Cli.Transport;
using Vtr.Node.Codecs;
using Vtr.Node.Hosting;
using Vtr.Node.Sessions;
using Vtr.Shared.Cluster;
using Vtr.Shared.Media;
using Vtr.Shared.Wire;

namespace Vtr.Integration.Tests.Node;

/// <summary>
/// `measure=quality` over real sockets: a transcode session measures its own output against the pictures it encoded
/// and sends QUALITY before DONE; its numbers are those of the client's own check (<see cref="SegmentQualityProbe"/>,
/// one ffmpeg run decoding the segment and the source range) on the same segment bytes. Without the key the session
/// stays what an unmodified client sees: packets, then DONE.
/// </summary>
[Trait("Category", "Native")]
public sealed class NodeQualityMeasurementTests : NodeTestKit
{
    private const double PsnrToleranceDb = 0.01;
    private const double SsimTolerance = 0.0005;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);
    private static readonly string[] X265Quiet = ["-x265-params", "log-level=error:bframes=2"];

    [FfmpegTheory]
    [InlineData("h264", "yuv420p", "libx264")]
    [InlineData("hevc", "yuv420p10le", "libx265")]
    public async Task Node_measurement_equals_the_client_check_on_the_same_segment(string codec, string pixelFormat, string sourceEncoder)
    {
        using var cts = new CancellationTokenSource(Timeout);
        await WithSourceAsync(pixelFormat, sourceEncoder, async (directory, info) =>
        {
            var output = codec == "hevc" ? VideoCodec.Hevc : VideoCodec.H264;
            var settings = new SegmentEncodeSettings(output, 400_000, null, Token, WireCompression.None, TransportChoice.Packets) { MeasureQuality = true };
            var plans = SegmentPlanner.Plan(info, 1.0);
            Assert.True(plans.Length >= 2, "the clip must split into several segments");

            foreach (var plan in plans.Take(2))
            {
                var (segment, quality) = await TranscodeAsync(info, plan, settings, cts.Token);
                var node = Assert.IsType<QualityMessage>(quality);
                Assert.Equal(QualityMessageVerdict.Measured, node.Verdict);
                Assert.Equal((uint)plan.FrameCount, node.FramesMeasured);
                Assert.Equal((uint)plan.FrameCount, node.FramesEncoded);

                var client = await SegmentQualityProbe.MeasureAsync(info, plan, output, segment, directory, cts.Token);

                Assert.True(client.Succeeded, client.Problem);
                var bitDepth = info.BitDepth;
                var nodePsnr = Psnr.FromMeanSquaredError(node.MeanSquaredError, bitDepth);
                Assert.True(Math.Abs(nodePsnr - client.Psnr(bitDepth)) <= PsnrToleranceDb,
                    $"segment {plan.Index}: node {nodePsnr:0.0000} dB, client {client.Psnr(bitDepth):0.0000} dB");
                Assert.True(Math.Abs(node.Ssim - client.Ssim) <= SsimTolerance, $"segment {plan.Index}: node SSIM {node.Ssim}, client {client.Ssim}");
                Assert.InRange(nodePsnr, 20, 99);
            }
        }, cts.Token);
    }

    /// <summary>Without the quality check the client asks <c>measure=decode</c>: the node decodes its output and says
    /// how many pictures came back, measuring nothing.</summary>
    [FfmpegFact]
    public async Task Without_the_quality_check_the_session_only_decodes_its_output()
    {
        using var cts = new CancellationTokenSource(Timeout);
        await WithSourceAsync("yuv420p", "libx264", async (_, info) =>
        {
            var plan = SegmentPlanner.Plan(info, 1.0)[0];
            var settings = new SegmentEncodeSettings(VideoCodec.H264, 400_000, null, Token, WireCompression.None, TransportChoice.Packets);

            var (segment, quality) = await TranscodeAsync(info, plan, settings, cts.Token);

            Assert.NotNull(quality);
            Assert.Equal(QualityMessageVerdict.Measured, quality.Verdict);
            Assert.Equal(((uint)plan.FrameCount, (uint)plan.FrameCount), (quality.FramesMeasured, quality.FramesEncoded));
            Assert.Equal((0.0, 0.0), (quality.MeanSquaredError, quality.Ssim));
            Assert.True(NodeQualityMeasurement.DecodedOnNode(quality, plan));
            Assert.Equal(plan.FrameCount, segment.Packets.Length);
        }, cts.Token);
    }

    /// <summary>A keep range reaching past the source: the node encodes and measures what it has, and the client's
    /// check refuses the segment for the frames the plan expected and the node could not produce.</summary>
    [FfmpegFact]
    public async Task A_node_that_measured_fewer_frames_than_planned_fails_the_segment_check()
    {
        using var cts = new CancellationTokenSource(Timeout);
        await WithSourceAsync("yuv420p", "libx264", async (_, info) =>
        {
            var plans = SegmentPlanner.Plan(info, 1.0);
            var last = plans[^1];
            var step = last.OutputPts[^1] - last.OutputPts[^2];
            // The plan claims ten frames after the source's end; the node never receives packets for them.
            var longer = last with { OutputPts = [.. last.OutputPts, .. Enumerable.Range(1, 10).Select(i => last.OutputPts[^1] + (i * step))] };
            var settings = new SegmentEncodeSettings(VideoCodec.H264, 400_000, null, Token, WireCompression.None, TransportChoice.Packets) { MeasureQuality = true };

            var (_, quality) = await TranscodeAsync(info, longer, settings, cts.Token, sourcePlan: last);
            var measurement = NodeQualityMeasurement.From(quality, longer.Index);

            Assert.NotNull(measurement);
            Assert.True(measurement.Succeeded, "the node measured every frame it encoded");
            Assert.Equal(last.FrameCount, measurement.Frames);
            var check = NodeQualityMeasurement.Against(measurement, longer);
            Assert.False(check.Succeeded);
            Assert.Contains($"{last.FrameCount} frames on its node, expected {longer.FrameCount}", check.Problem, StringComparison.Ordinal);
        }, cts.Token);
    }

    /// <summary>
    /// A node without libavfilter (here: a backend that cannot measure, which this machine cannot produce otherwise)
    /// says so in its CONFIGURE_ACK and sends no QUALITY; the client's per-segment check then measures that segment
    /// itself with the same numbers, while a segment from a measuring node is taken as measured.
    /// </summary>
    [FfmpegFact]
    public async Task A_node_that_cannot_measure_says_so_and_the_client_check_measures_its_segments_itself()
    {
        using var cts = new CancellationTokenSource(Timeout);
        await using var unmeasuring = NodeServer.Start(Sys, new UnmeasuringBackend(Backend), new IPEndPoint(IPAddress.Loopback, 0), Policy, MaxSessions,
            poolName: "unmeasuring-" + Guid.NewGuid().ToString("N"));
        await WithSourceAsync("yuv420p", "libx264", async (directory, info) =>
        {
            var plans = SegmentPlanner.Plan(info, 1.0);
            var settings = new SegmentEncodeSettings(VideoCodec.H264, 400_000, null, Token, WireCompression.None, TransportChoice.Packets) { MeasureQuality = true };
            using var store = new SegmentResultStore(Path.Combine(directory, "store"), deleteOnDispose: true);
            var gate = new SegmentQualityGate(info, plans, settings, store, new EvenQualityPolicy(null, 0, info.FrameCount),
                static (_, _) => Task.FromResult<(EncodedSegment, double)?>(null), directory, cts.Token);
            var probed = new List<SegmentMeasurement>();

            foreach (var plan in plans)
            {
                var node = plan.Index == 0 ? NodeEndPoint : unmeasuring.DialEndPoint;
                var ((segment, quality), warnings) = await TranscodeOnAsync(node, info, plan, settings, cts.Token);
                if (plan.Index > 0)
                {
                    Assert.Null(quality);
                    Assert.Contains(warnings, w => w.StartsWith("measure=quality: no libavfilter", StringComparison.Ordinal));
                    probed.Add(await SegmentQualityProbe.MeasureAsync(info, plan, VideoCodec.H264, segment, directory, cts.Token));
                }

                gate.Accept(segment, 0);
                if (plan.Index == 0)
                {
                    // Recorded as it is accepted, before the runner returns: its node's next lease learns from it.
                    Assert.Equal(1, gate.Policy.Attempts(0));
                }
            }

            var report = await gate.CompleteAsync();

            Assert.Equal([true, .. Enumerable.Repeat(false, plans.Length - 1)], report.Segments.Select(s => s.OnNode));
            Assert.Equal(probed.Select(p => Math.Round(p.Psnr(8), 6)), report.Segments.Skip(1).Select(s => Math.Round(s.Psnr, 6)));
            Assert.Contains($"1 of {plans.Length} measured on their nodes", report.ToString(), StringComparison.Ordinal);
        }, cts.Token);
    }

    /// <summary>One segment through a real transcode session, the way <see cref="Vtr1SegmentRunner"/> runs it.</summary>
    private async Task<(EncodedSegment Segment, QualityMessage? Quality)> TranscodeAsync(
        MediaInfo info, SegmentPlan plan, SegmentEncodeSettings settings, CancellationToken ct, SegmentPlan? sourcePlan = null) =>
        (await TranscodeOnAsync(NodeEndPoint, info, plan, settings, ct, sourcePlan)).Result;

    private static async Task<((EncodedSegment Segment, QualityMessage? Quality) Result, ImmutableArray<string> Warnings)> TranscodeOnAsync(
        IPEndPoint node, MediaInfo info, SegmentPlan plan, SegmentEncodeSettings settings, CancellationToken ct, SegmentPlan? sourcePlan = null)
    {
        var configure = SegmentConfiguration.ForPackets(info, plan, settings);
        await using var client = await Vtr1Client.ConnectAsync(node, ct);
        await client.HelloAsync(Token, settings.Codec, "vtr-tests", ct);
        var ack = await client.ConfigureAsync(configure, ct);
        var receiving = SegmentPacketReceiver.ReceiveAsync(client, plan.FrameCount, static () => { }, TimeSpan.FromSeconds(30), TimeProvider.System, ct);
        using (var reader = SourcePacketReader.Open(info))
        {
            foreach (var packet in reader.ReadSegment(sourcePlan ?? plan))
            {
                await client.SendPacketAsync(packet.AnnexB.Span, packet.Pts, packet.Dts, packet.Duration, packet.IsKeyframe, ct);
            }
        }

        await client.SendAsync(FlushMessage.Instance, ct);
        var received = await receiving;
        var segment = new EncodedSegment(plan.Index, LeaseId.New(), new NodeId("test-node"), ack.Extradata, received.Packets)
        {
            NodeMeasurement = NodeQualityMeasurement.From(received.Quality, plan.Index),
        };
        return ((segment, received.Quality), ack.Warnings);
    }

    /// <summary>Runs <paramref name="test"/> with a temporary folder holding a generated, probed source; deletes the folder.</summary>
    private static async Task WithSourceAsync(string pixelFormat, string encoder, Func<string, MediaInfo, Task> test, CancellationToken ct)
    {
        var directory = Directory.CreateTempSubdirectory("vtr-node-quality-");
        try
        {
            var source = Path.Combine(directory.FullName, "source.mp4");
            await MakeSourceAsync(source, pixelFormat, encoder, ct);
            await test(directory.FullName, MediaProbe.Probe(source));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static async Task MakeSourceAsync(string path, string pixelFormat, string encoder, CancellationToken ct)
    {
        // 3 s at 25 fps with a keyframe every second and B-frames: three segments of 25 frames, reordered output.
        var result = await MediaToolRunner.RunAsync(MediaToolRunner.FFmpeg,
            ["-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i", "testsrc2=s=320x180:r=25:d=3", "-c:v", encoder, "-preset", "ultrafast",
                "-pix_fmt", pixelFormat, "-g", "25", "-bf", "2", .. encoder == "libx265" ? X265Quiet : [], path],
            Timeout, ct);
        Assert.True(result.Succeeded, result.StandardError);
    }

    /// <summary>The real backend as a node without libavfilter sees it: everything but a quality meter.</summary>
    private sealed class UnmeasuringBackend(ICodecBackend inner) : ICodecBackend
    {
        public string Name => inner.Name;

        public bool IsHardware => inner.IsHardware;

        public IReadOnlyList<VideoCodec> EncodeCodecs => inner.EncodeCodecs;

        public IReadOnlyList<VideoCodec> DecodeCodecs => inner.DecodeCodecs;

        public IReadOnlyList<string> SourceDecodeCodecs => inner.SourceDecodeCodecs;

        public IVideoEncoder CreateEncoder(EncoderSettings settings) => inner.CreateEncoder(settings);

        public IVideoDecoder CreateDecoder(DecoderSettings settings) => inner.CreateDecoder(settings);

        public IQualityMeter? CreateQualityMeter(QualityMeterSettings settings, out string unavailableReason)
        {
            unavailableReason = "no libavfilter on this node";
            return null;
        }
    }
}
