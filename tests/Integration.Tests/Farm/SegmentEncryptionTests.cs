using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Text;
using Vtr.Cli.Media;
using Vtr.Cli.Transport;
using Vtr.Integration.Tests.ChildProcess;
using Vtr.Integration.Tests.Cluster;
using Vtr.Node.Sessions;
using Vtr.Shared.Media;
using Vtr.Shared.Security;
using Vtr.Shared.Wire;

namespace Vtr.Integration.Tests.Farm;

/// <summary>
/// Segment traffic of a secured farm, read off the wire between the client (the transport `vtr transcode` uses) and a
/// real `vtr node`: a segment's source packets travel inside TLS, while plain VTR1 for an unmodified FFmpeg stays as it
/// was (its token still checked), or is refused by a node told to serve the farm only.
/// </summary>
[Trait("Category", "Native")]
public sealed class SegmentEncryptionTests : IDisposable
{
    private const string Token = "vtr1-token-marker-5d1c";

    /// <summary>x264 writes its version and settings as text into an SEI of the first packet of every clip it encodes.</summary>
    private static readonly byte[] SourceMarker = Encoding.ASCII.GetBytes("x264 - core");

    private readonly LocalFarm _farm = new();

    public void Dispose() => _farm.Dispose();

    [BackendFact(GeneratesClips = true)]
    public async Task Segment_packets_cross_the_network_encrypted_and_plain_VTR1_still_checks_its_token()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await _farm.SecureAsync();
        var node = await StartNodeAsync();
        using var farm = FarmCredentials.Load(FarmCredentials.FileIn(Path.Combine(_farm.ConfigHome, "vtr")));
        var (info, segment, packets) = await SourceSegmentAsync(cts.Token);
        Assert.Contains(packets, p => p.AnnexB.Span.IndexOf(SourceMarker) >= 0);

        await using (var relay = new CapturingRelay(node))
        {
            var encoded = await TranscodeAsync(relay.EndPoint, farm, info, segment, packets, cts.Token);
            Assert.Equal(segment.FrameCount, encoded);
            var wire = relay.FromClient();
            Assert.Equal(FarmTls.HandshakeRecord, wire[0]);
            Assert.True(wire.AsSpan().IndexOf(SourceMarker) < 0, "the source packets' text crossed the network in the clear");
            Assert.True(wire.AsSpan().IndexOf(Encoding.ASCII.GetBytes(Token)) < 0, "the VTR1 token crossed the network in the clear");
        }

        await using (var relay = new CapturingRelay(node))
        {
            // An unmodified FFmpeg: plain VTR1, byte for byte; a wrong token is refused with HELLO_ACK status 2.
            await using var plain = await Vtr1Client.ConnectAsync(relay.EndPoint, cts.Token);
            await plain.SendAsync(new HelloMessage("wrong-" + Token, "h264", "ffmpeg", "test"), cts.Token);
            var ack = Assert.IsType<HelloAckMessage>(await plain.ReceiveAsync(cts.Token));
            Assert.Equal(HelloStatus.AuthFailed, ack.Status);
            Assert.True(relay.FromClient().AsSpan().IndexOf(Encoding.ASCII.GetBytes("wrong-" + Token)) >= 0, "the relay must see plain VTR1 as it is");
        }
    }

    [BackendFact(GeneratesClips = true)]
    public async Task A_farm_only_node_refuses_plain_VTR1_and_clients_of_another_farm()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _farm.SecureAsync();
        var otherConfig = _farm.StrangerConfigHome("other");
        await _farm.SecureAsync(otherConfig);
        var endPoint = await StartNodeAsync("--vtr1-listen", "off");

        await using (var plain = await Vtr1Client.ConnectAsync(endPoint, cts.Token))
        {
            await plain.SendAsync(new HelloMessage(Token, "h264", "ffmpeg", "test"), cts.Token);
            await AssertClosedAsync(plain, cts.Token);
        }

        using var other = FarmCredentials.Load(FarmCredentials.FileIn(Path.Combine(otherConfig, "vtr")));
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var client = await Vtr1Client.ConnectAsync(endPoint, cts.Token, farm: other);
            await client.HelloAsync(Token, VideoCodec.H264, "other-farm", cts.Token);
        });

        using var farm = FarmCredentials.Load(FarmCredentials.FileIn(Path.Combine(_farm.ConfigHome, "vtr")));
        await using var member = await Vtr1Client.ConnectAsync(endPoint, cts.Token, farm: farm);
        var ack = await member.HelloAsync(Token, VideoCodec.H264, "farm-client", cts.Token);
        Assert.Equal(HelloStatus.Ok, ack.Status);
        Assert.Contains(_nodeProcess!.Output, l => l.Contains("refused a plain VTR1 connection", StringComparison.Ordinal));
        Assert.Contains(_nodeProcess.Output, l => l.Contains("refused a client without the farm certificate", StringComparison.Ordinal));
    }

    private VtrProcess? _nodeProcess;

    private async Task<IPEndPoint> StartNodeAsync(params string[] extra)
    {
        var port = LocalFarm.FreePort();
        _nodeProcess = _farm.Start(["node", "--listen", $"127.0.0.1:{port}", "--token", Token, .. extra]);
        await _nodeProcess.WaitForLineAsync("listening on", LocalFarm.JoinTimeout);
        return new IPEndPoint(IPAddress.Loopback, port);
    }

    private static async Task AssertClosedAsync(Vtr1Client client, CancellationToken ct)
    {
        try
        {
            Assert.Null(await client.ReceiveAsync(ct));
        }
        catch (IOException)
        {
            // Reset instead of closed: refused all the same.
        }
    }

    private async Task<(MediaInfo Info, SegmentPlan Segment, List<SourcePacket> Packets)> SourceSegmentAsync(CancellationToken ct)
    {
        var input = Path.Combine(_farm.Folder, "source.mp4");
        await SampleClipGenerator.CreateAsync(input, new SampleClipOptions { Width = 160, Height = 96, DurationSeconds = 1, IncludeAudio = false }, ct);
        var info = MediaProbe.Probe(input);
        var segment = SegmentPlanner.Plan(info, 10.0)[0];
        using var reader = SourcePacketReader.Open(info);
        return (info, segment, reader.ReadSegment(segment).ToList());
    }

    /// <summary>One segment in the node's transcode mode (what the packets transport sends); returns the frames encoded.</summary>
    private static async Task<int> TranscodeAsync(
        IPEndPoint endPoint, FarmCredentials farm, MediaInfo info, SegmentPlan segment, List<SourcePacket> packets, CancellationToken ct)
    {
        var options = ImmutableArray.Create<KeyValuePair<string, string>>(
            new("mode", TranscodeOptions.ModeValue),
            new(TranscodeOptions.SourceCodecKey, info.VideoCodec.ToWireName()),
            new(TranscodeOptions.KeepFromPtsKey, segment.OutputPts.Min().ToString(CultureInfo.InvariantCulture)),
            new(TranscodeOptions.KeepToPtsKey, segment.OutputPts.Max().ToString(CultureInfo.InvariantCulture)));
        var configure = new ConfigureMessage((uint)info.Width, (uint)info.Height, WirePixelFormat.Nv12, info.TimeBase, new Rational(25, 1),
            options, info.Extradata.AsMemory());
        await using var client = await Vtr1Client.ConnectAsync(endPoint, ct, farm: farm);
        await client.HelloAsync(Token, VideoCodec.H264, "secured-test", ct);
        await client.ConfigureAsync(configure, ct);
        var reading = Node.TestSessions.ReadPacketsUntilDoneAsync(client, ct);
        foreach (var packet in packets)
        {
            await client.SendPacketAsync(packet.AnnexB.Span, packet.Pts, packet.Dts, packet.Duration, packet.IsKeyframe, ct);
        }

        await client.SendAsync(FlushMessage.Instance, ct);
        return (await reading).Count;
    }
}
