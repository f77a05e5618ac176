using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using Vtr.Integration.Tests.Media;
using Vtr.Node.Hosting;
using Vtr.Shared.Media;
using Vtr.Shared.Wire;
using Vtr.Testing.Captures;
using Vtr.Testing.Processes;

namespace Vtr.Integration.Tests.Node;

/// <summary>
/// Replays the bytes the real FFmpeg client sent (shared/vtr1/captures) against a real node and checks that
/// every answer is one the real client accepts — with real codecs behind it, unlike the captures' mock.
/// </summary>
public sealed class CaptureReplayTests : NodeTestKit
{
    private static readonly TimeSpan ReplayTimeout = TimeSpan.FromSeconds(30);

    public static TheoryData<string> EncodeScenarios() => Scenarios("encode");

    public static TheoryData<string> DecodeScenarios() => Scenarios("decode");

    [CaptureTheory]
    [MemberData(nameof(EncodeScenarios))]
    public async Task Encode_capture_gets_an_extradata_record_and_one_packet_per_distinct_frame(string scenario)
    {
        var manifest = Manifest(scenario);
        var framePts = ClientMessages(manifest).Where(m => m.GetProperty("type_name").GetString() == "FRAME")
            .Select(m => m.GetProperty("pts").GetInt64()).Distinct().ToList();

        var replies = await ReplayAsync(scenario, "client_to_server.bin", WireCompressionOf(manifest), HelloToken(manifest).Length == 0);

        var helloAck = Expect<HelloAckMessage>(replies[0]);
        Assert.Equal(HelloStatus.Ok, helloAck.Status);
        var configureAck = Expect<ConfigureAckMessage>(replies[1]);
        Assert.Equal(0, configureAck.Status);
        Assert.Equal(1, configureAck.Extradata.Span[0]); // avcC/hvcC configurationVersion
        var packets = replies.OfType<PacketMessage>().ToList();
        Assert.Equal(framePts.Order(), packets.Select(p => p.Pts).Order());
        Assert.True(packets[0].IsKeyframe, "the first packet must be a keyframe");
        Assert.All(packets, p => Assert.True(p.Dts <= p.Pts, $"dts {p.Dts} > pts {p.Pts}"));
        Assert.True(packets.Zip(packets.Skip(1)).All(pair => pair.First.Dts < pair.Second.Dts), "dts must strictly increase");
        Assert.All(packets, p => Assert.Equal([0, 0, 0, 1], p.Data[..4].ToArray()));
        Expect<DoneMessage>(replies[^1]);
    }

    [CaptureTheory]
    [MemberData(nameof(DecodeScenarios))]
    public async Task Decode_capture_gets_the_same_pictures_as_ffmpeg_decodes(string scenario)
    {
        var manifest = Manifest(scenario);
        var directory = Path.Combine(CaptureLocator.Directory!, scenario);
        if (File.Exists(Path.Combine(directory, "conn0_client_to_server.bin")))
        {
            // FFmpeg's probe connection for raw .hevc: answered, then closed by the client without FLUSH.
            var probe = await ReplayAsync(scenario, "conn0_client_to_server.bin", WireCompression.None, stopAfterConfigureAck: true);
            Assert.Equal(HelloStatus.Ok, Expect<HelloAckMessage>(probe[0]).Status);
            Assert.Equal(0, Expect<ConfigureAckMessage>(probe[1]).Status);
        }

        var replies = await ReplayAsync(scenario, "client_to_server.bin", WireCompressionOf(manifest));

        Assert.Equal(HelloStatus.Ok, Expect<HelloAckMessage>(replies[0]).Status);
        var configureAck = Expect<ConfigureAckMessage>(replies[1]);
        var frames = replies.OfType<FrameMessage>().ToList();
        var packetCount = ClientMessages(manifest).Count(m => m.GetProperty("type_name").GetString() == "PACKET");
        Assert.Equal(packetCount, frames.Count);
        Expect<DoneMessage>(replies[^1]);

        var input = Directory.GetFiles(directory, "input*").Single();
        var configure = ClientMessages(manifest).First(m => m.GetProperty("type_name").GetString() == "CONFIGURE");
        var (width, height) = (configure.GetProperty("width").GetInt32(), configure.GetProperty("height").GetInt32());
        if (scenario.Contains("main10", StringComparison.Ordinal) && configureAck.PixelFormat == WirePixelFormat.Nv12)
        {
            // A 10-bit stream asked for as NV12 (WIRE.md §3.3): our 10→8-bit rounding is not swscale's dither,
            // so compare pictures by PSNR instead of by hash.
            await AssertCloseToFfmpegAsync(input, frames, width, height);
        }
        else
        {
            var pixFmt = configureAck.PixelFormat == WirePixelFormat.P010 ? "p010le" : "nv12";
            var expected = await ExpectedFrameHashesAsync(input, pixFmt);
            var actual = frames.Select(frame => HashVisible(frame, width, height, configureAck.PixelFormat)).ToList();
            Assert.Equal(expected.Order(), actual.Order());
        }

        frames.ForEach(frame => frame.Dispose());
    }

    private static async Task AssertCloseToFfmpegAsync(string input, List<FrameMessage> frames, int width, int height)
    {
        var raw = await ToolRun.FfmpegPipeAsync(["-v", "error", "-i", input, "-pix_fmt", "nv12", "-f", "rawvideo", "-"], TimeSpan.FromSeconds(30));
        var frameBytes = width * height * 3 / 2;
        Assert.Equal(raw.Length / frameBytes, frames.Count);
        for (var i = 0; i < frames.Count; i++)
        {
            var psnr = TestPattern.Psnr(raw.AsSpan(i * frameBytes, width * height), width, frames[i].Planes[0].Data.Span,
                frames[i].Planes[0].Stride, width, height);
            Assert.True(psnr > 40, $"frame {i}: luma PSNR {psnr:0.0} dB against FFmpeg's own decode");
        }
    }

    [CaptureFact]
    public async Task Wrong_token_capture_gets_auth_failed_and_the_connection_closes()
    {
        var replies = await ReplayAsync("auth_wrong_token", "client_to_server.bin", WireCompression.None);

        var ack = Assert.Single(replies);
        Assert.Equal(HelloStatus.AuthFailed, Expect<HelloAckMessage>(ack).Status);
    }

    private static T Expect<T>(IVtr1Message message)
        where T : IVtr1Message =>
        message is ErrorMessage error ? throw new Xunit.Sdk.XunitException($"node sent ERROR {error.Code}: {error.Message}") : Assert.IsType<T>(message);

    private static string HelloToken(JsonElement manifest) =>
        ClientMessages(manifest).First(m => m.GetProperty("type_name").GetString() == "HELLO").GetProperty("token").GetString() ?? "";

    private async Task<List<IVtr1Message>> ReplayAsync(string scenario, string file, WireCompression compression, bool withoutAuth)
    {
        // A client that sends no token needs a node with auth off, as the capture's mock had.
        var policy = Policy with { Token = "" };
        await using var open = NodeServer.Start(Sys, Backend, new IPEndPoint(IPAddress.Loopback, 0), policy, MaxSessions, poolName: "open-" + Guid.NewGuid().ToString("N"));
        return await ReplayAsync(scenario, file, compression, stopAfterConfigureAck: false, endPoint: withoutAuth ? open.DialEndPoint : NodeEndPoint);
    }

    private async Task<List<IVtr1Message>> ReplayAsync(string scenario, string file, WireCompression compression, bool stopAfterConfigureAck = false, IPEndPoint? endPoint = null)
    {
        var bytes = await File.ReadAllBytesAsync(Path.Combine(CaptureLocator.Directory!, scenario, file));
        using var cts = new CancellationTokenSource(ReplayTimeout);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(endPoint ?? NodeEndPoint, cts.Token);
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        var reader = new Vtr1PipeReader(System.IO.Pipelines.PipeReader.Create(stream), Vtr1Limits.Default);
        var readAll = ReadUntilEndAsync(reader, compression, stopAfterConfigureAck, cts.Token);
        await stream.WriteAsync(bytes, cts.Token);
        return await readAll;
    }

    private static async Task<List<IVtr1Message>> ReadUntilEndAsync(Vtr1PipeReader reader, WireCompression compression, bool stopAfterConfigureAck, CancellationToken ct)
    {
        var replies = new List<IVtr1Message>();
        var handshakeDone = false;
        while (await reader.ReadAsync(handshakeDone ? compression : WireCompression.None, ct) is { } message)
        {
            replies.Add(message);
            handshakeDone |= message is ConfigureAckMessage;
            if (message is DoneMessage or ErrorMessage)
            {
                break;
            }

            if (message is ConfigureAckMessage && stopAfterConfigureAck)
            {
                break;
            }
        }

        return replies;
    }

    private static async Task<List<string>> ExpectedFrameHashesAsync(string input, string pixFmt)
    {
        var output = await ToolRun.FfmpegPipeAsync(["-v", "error", "-i", input, "-pix_fmt", pixFmt, "-f", "framemd5", "-"], TimeSpan.FromSeconds(30));
        return System.Text.Encoding.ASCII.GetString(output).Split('\n')
            .Where(line => line.Length > 0 && line[0] != '#')
            .Select(line => line.Split(',')[^1].Trim())
            .ToList();
    }

    private static string HashVisible(FrameMessage frame, int width, int height, WirePixelFormat format)
    {
        var rowBytes = width * (format == WirePixelFormat.P010 ? 2 : 1);
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        AppendRows(md5, frame.Planes[0], rowBytes, height);
        AppendRows(md5, frame.Planes[1], rowBytes, height / 2);
        return Convert.ToHexStringLower(md5.GetHashAndReset());
    }

    private static void AppendRows(IncrementalHash hash, FramePlane plane, int rowBytes, int rows)
    {
        for (var row = 0; row < rows; row++)
        {
            hash.AppendData(plane.Data.Span.Slice(row * plane.Stride, rowBytes));
        }
    }

    private static TheoryData<string> Scenarios(string mode)
    {
        var data = new TheoryData<string>();
        foreach (var name in CaptureLocator.ScenarioNames())
        {
            if (Manifest(name).TryGetProperty("mode", out var m) && m.GetString() == mode)
            {
                data.Add(name);
            }
        }

        return data;
    }

    private static JsonElement Manifest(string scenario) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(CaptureLocator.Directory!, scenario, "manifest.json"))).RootElement;

    private static JsonElement.ArrayEnumerator ClientMessages(JsonElement manifest) =>
        manifest.GetProperty("messages").GetProperty("client_to_server").EnumerateArray();

    private static WireCompression WireCompressionOf(JsonElement manifest) => manifest.GetProperty("wire_compression").GetString() switch
    {
        "lz4" => WireCompression.Lz4,
        "zstd" => WireCompression.Zstd,
        _ => WireCompression.None,
    };
}
