using System.Net;
using Vtr.Node.Hosting;
using Vtr.Shared.Media;
using Vtr.Shared.Wire;

namespace Vtr.Integration.Tests.Node;

/// <summary>The supervision decisions when a codec session fails, observed from real clients.</summary>
public sealed class CodecFailureTests : NodeTestKit
{
    [BackendFact]
    public async Task Recoverable_failure_before_any_frame_is_buffered_reopens_the_codec_and_loses_nothing()
    {
        using var cts = new CancellationTokenSource(TestSessions.Timeout);
        var backend = new FaultInjectingBackend(Backend, failOnSubmit: 1, recoverable: true);
        await using var node = StartNode(backend);
        await using var client = await TestSessions.OpenEncoderAsync(node.DialEndPoint, VideoCodec.H264, TestSessions.EncodeConfigure(64, 64), cts.Token);

        var packets = await TestSessions.EncodeAsync(client, 64, 64, 20, cts.Token);

        Assert.Equal(1, backend.FailuresInjected); // the failure really fired...
        Assert.Equal(2, backend.EncodersCreated); // ...and the codec was reopened once
        Assert.Equal(Enumerable.Range(0, 20).Select(i => (long)i), packets.Select(p => p.Pts).Order());
        Assert.True(packets.Single(p => p.Pts == 0).IsKeyframe);
    }

    [BackendFact]
    public async Task Unrecoverable_failure_ends_that_session_with_codec_failed_and_others_keep_encoding()
    {
        using var cts = new CancellationTokenSource(TestSessions.Timeout);
        var backend = new FaultInjectingBackend(Backend, failOnSubmit: 10, recoverable: false);
        await using var node = StartNode(backend);
        await using var failing = await TestSessions.OpenEncoderAsync(node.DialEndPoint, VideoCodec.H264, TestSessions.EncodeConfigure(64, 64), cts.Token);
        await using var healthy = await TestSessions.OpenEncoderAsync(node.DialEndPoint, VideoCodec.H264, TestSessions.EncodeConfigure(64, 64), cts.Token);

        var failure = await Assert.ThrowsAsync<Xunit.Sdk.XunitException>(() => TestSessions.EncodeAsync(failing, 64, 64, 20, cts.Token));
        var packets = await TestSessions.EncodeAsync(healthy, 64, 64, 20, cts.Token);

        Assert.Equal(1, backend.FailuresInjected);
        Assert.Contains($"ERROR {(uint)Vtr1ErrorCode.CodecFailed}", failure.Message, StringComparison.Ordinal);
        Assert.Equal(20, packets.Count);
    }

    private NodeServer StartNode(FaultInjectingBackend backend) =>
        NodeServer.Start(Sys, backend, new IPEndPoint(IPAddress.Loopback, 0), Policy, 4,
            poolName: "faulty-" + Guid.NewGuid().ToString("N"));
}
