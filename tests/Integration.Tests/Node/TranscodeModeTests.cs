using System.Collections.Immutable;
using System.Globalization;
using Vtr.Cli.Media;
using Vtr.Cli.Segmenting;
using Vtr.Node.Sessions;
using Vtr.Shared.Media;
using Vtr.Shared.Wire;

namespace Vtr.Integration.Tests.Node;

/// <summary>
/// vtr's `mode=transcode` extension: a segment's compressed source packets go in, the node decodes and
/// re-encodes them, and exactly the segment's frames come back, starting with a keyframe.
/// </summary>
public sealed class TranscodeModeTests : NodeTestKit
{
    public TranscodeModeTests()
        : base("akka.loglevel = INFO") // the session's close line is asserted
    {
    }

    [BackendFact]
    public async Task Every_segment_of_an_open_gop_source_comes_back_frame_exact()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var directory = Directory.CreateTempSubdirectory("vtr-transcode-mode-");
        var input = Path.Combine(directory.FullName, "source.mp4");
        await SampleClipGenerator.CreateAsync(input, new SampleClipOptions
        {
            Width = 160,
            Height = 96,
            DurationSeconds = 3,
            KeyframeInterval = 20,
            BFrames = 2,
            OpenGop = true,
            IncludeAudio = false,
        }, cts.Token);
        var info = MediaProbe.Probe(input);
        var segments = SegmentPlanner.Plan(info, 1.0);
        Assert.True(segments.Length >= 2, "the clip must split into several segments");

        using var reader = SourcePacketReader.Open(info);
        var total = 0;
        foreach (var segment in segments)
        {
            var packets = await TranscodeAsync(info, segment, reader.ReadSegment(segment).ToList(), cts.Token);

            Assert.Equal(segment.OutputPts.Order(), packets.Select(p => p.Pts).Order());
            Assert.True(packets[0].IsKeyframe, $"segment {segment.Index} must start with a keyframe");
            Assert.True(packets.Zip(packets.Skip(1)).All(pair => pair.First.Dts < pair.Second.Dts), "dts must strictly increase");
            total += packets.Count;
        }

        Assert.Equal(info.FrameCount, total);
        directory.Delete(recursive: true);
    }

    [BackendFact]
    public Task A_pre_roll_is_encoded_and_dropped_so_the_segment_still_decodes_alone_to_its_own_frames() => AssertPreRollAsync(VideoCodec.H264);

    [BackendFact]
    public Task An_hevc_pre_roll_is_dropped_as_well() => AssertPreRollAsync(VideoCodec.Hevc);

    private async Task AssertPreRollAsync(VideoCodec codec)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var directory = Directory.CreateTempSubdirectory("vtr-transcode-preroll-");
        var input = Path.Combine(directory.FullName, "source.mp4");
        await SampleClipGenerator.CreateAsync(input, new SampleClipOptions
        {
            Width = 160,
            Height = 96,
            DurationSeconds = 3,
            KeyframeInterval = 25,
            IncludeAudio = false,
        }, cts.Token);
        var info = MediaProbe.Probe(input);
        var plain = SegmentPlanner.Plan(info, 1.0);
        var warmed = SegmentPreRoll.Apply(info, plain, 10);
        Assert.True(warmed.Length >= 3 && warmed.Skip(1).All(p => p.PreRollFrames == 10), "every later segment must get a pre-roll");

        using var reader = SourcePacketReader.Open(info);
        for (var i = 1; i < warmed.Length; i++)
        {
            var segment = warmed[i];
            var source = reader.ReadSegment(segment).ToList();
            var (packets, quality) = (ImmutableArray<EncodedPacket>.Empty, default(QualityMessage)!);
            // The close line names the packets sent only to start the segment, so "N in, M out" does not read as loss.
            await EventFilter.Info(contains: $"{source.Count} in ({source.Count - segment.FrameCount} lead-in, not output), {segment.FrameCount} out")
                .ExpectOneAsync(async () => (packets, quality) = await TranscodeMeasuredAsync(info, codec, segment, source, cts.Token));
            var (coldPackets, _) = await TranscodeMeasuredAsync(info, codec, plain[i], reader.ReadSegment(plain[i]).ToList(), cts.Token);

            Assert.Equal(segment.OutputPts.Order(), packets.Select(p => p.Pts).Order());
            Assert.True(packets[0].IsKeyframe, $"segment {i} must start with a keyframe");
            Assert.Single(packets, p => p.IsKeyframe);
            Assert.True(packets.Zip(packets.Skip(1)).All(pair => pair.First.Dts < pair.Second.Dts), "dts must strictly increase");
            // The node's own decode of the output: it starts at the forced IDR and refers to nothing that was dropped.
            Assert.Equal(QualityMessageVerdict.Measured, quality.Verdict);
            Assert.Equal((uint)segment.FrameCount, quality.FramesMeasured);
            // x264 and x265 are deterministic: the same frames encoded cold give other bytes only if the pre-roll reached the encoder.
            Assert.NotEqual(coldPackets.SelectMany(p => p.AnnexB.ToArray()), packets.SelectMany(p => p.AnnexB.ToArray()));
        }

        directory.Delete(recursive: true);
    }

    [BackendFact]
    public async Task Transcode_without_a_source_codec_is_refused_clearly()
    {
        using var cts = new CancellationTokenSource(TestSessions.Timeout);
        await using var client = await Cli.Transport.Vtr1Client.ConnectAsync(NodeEndPoint, cts.Token);
        await client.HelloAsync(Token, VideoCodec.H264, "no-source", cts.Token);
        await client.SendAsync(TestSessions.EncodeConfigure(64, 64) with
        {
            Options = [new("mode", TranscodeOptions.ModeValue)],
        }, cts.Token);

        var error = Assert.IsType<ErrorMessage>(await client.ReceiveAsync(cts.Token));
        Assert.Contains(TranscodeOptions.SourceCodecKey, error.Message, StringComparison.Ordinal);
    }

    /// <summary>The segment the way `vtr transcode --bitrate` sends and receives it (pre-roll included), with the node's
    /// decode check.</summary>
    private async Task<(ImmutableArray<EncodedPacket> Packets, QualityMessage Quality)> TranscodeMeasuredAsync(
        MediaInfo info, VideoCodec codec, SegmentPlan segment, List<SourcePacket> source, CancellationToken ct)
    {
        var settings = new SegmentEncodeSettings(codec, 200_000, null, Token, WireCompression.None, TransportChoice.Packets);
        await using var client = await TestSessions.OpenEncoderAsync(NodeEndPoint, codec, SegmentConfiguration.ForPackets(info, segment, settings), ct);
        var receiving = SegmentPacketReceiver.ReceiveAsync(client, segment.FrameCount, static () => { }, TestSessions.Timeout, TimeProvider.System, ct);
        await SendAsync(client, source, ct);
        var received = await receiving;
        return (received.Packets, received.Quality ?? throw new Xunit.Sdk.XunitException("no QUALITY before DONE"));
    }

    private async Task<List<PacketMessage>> TranscodeAsync(MediaInfo info, SegmentPlan segment, List<SourcePacket> source, CancellationToken ct)
    {
        var options = ImmutableArray.Create<KeyValuePair<string, string>>(
            new("mode", TranscodeOptions.ModeValue),
            new(TranscodeOptions.SourceCodecKey, info.VideoCodec.ToWireName()),
            new(TranscodeOptions.KeepFromPtsKey, segment.OutputPts.Min().ToString(CultureInfo.InvariantCulture)),
            new(TranscodeOptions.KeepToPtsKey, segment.OutputPts.Max().ToString(CultureInfo.InvariantCulture)),
            new("max_b_frames", "2"),
            new("gop", "1000"));
        var configure = new ConfigureMessage((uint)info.Width, (uint)info.Height, WirePixelFormat.Nv12, info.TimeBase, new Rational(25, 1),
            options, info.Extradata.AsMemory());
        await using var client = await TestSessions.OpenEncoderAsync(NodeEndPoint, VideoCodec.H264, configure, ct);
        var reading = TestSessions.ReadPacketsUntilDoneAsync(client, ct);
        await SendAsync(client, source, ct);
        return await reading;
    }

    /// <summary>The source packets in decode order, then FLUSH.</summary>
    private static async Task SendAsync(Cli.Transport.Vtr1Client client, List<SourcePacket> source, CancellationToken ct)
    {
        foreach (var packet in source)
        {
            await client.SendPacketAsync(packet.AnnexB.Span, packet.Pts, packet.Dts, packet.Duration, packet.IsKeyframe, ct);
        }

        await client.SendAsync(FlushMessage.Instance, ct);
    }
}
