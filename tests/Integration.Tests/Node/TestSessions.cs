using System.Collections.Immutable;
using System.Net;
using Vtr.Cli.Transport;
using Vtr.Shared.Media;
using Vtr.Shared.Wire;

namespace Vtr.Integration.Tests.Node;

/// <summary>Opens real VTR1 client sessions against a test node, as FFmpeg's encoder would.</summary>
public static class TestSessions
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static ConfigureMessage EncodeConfigure(int width, int height, WireCompression compression = WireCompression.None,
        WirePixelFormat pixelFormat = WirePixelFormat.Nv12, params (string Key, string Value)[] extra)
    {
        var options = ImmutableArray.CreateBuilder<KeyValuePair<string, string>>();
        options.Add(new("mode", "encode"));
        if (compression != WireCompression.None)
        {
            options.Add(new("wire_compression", ((int)compression).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        foreach (var (key, value) in extra)
        {
            options.Add(new(key, value));
        }

        return new ConfigureMessage((uint)width, (uint)height, pixelFormat, new Rational(1, 25), new Rational(25, 1),
            options.ToImmutable(), ReadOnlyMemory<byte>.Empty);
    }

    /// <summary>Connects, says HELLO with the test token and CONFIGUREs an encoder.</summary>
    public static async Task<Vtr1Client> OpenEncoderAsync(IPEndPoint node, VideoCodec codec, ConfigureMessage configure, CancellationToken ct)
    {
        var client = await Vtr1Client.ConnectAsync(node, ct);
        try
        {
            await client.HelloAsync(NodeTestKit.Token, codec, "vtr-tests", ct);
            await client.ConfigureAsync(configure, ct);
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    /// <summary>Reads until DONE (or ERROR / close), returning every packet.</summary>
    public static async Task<List<PacketMessage>> ReadPacketsUntilDoneAsync(Vtr1Client client, CancellationToken ct)
    {
        var packets = new List<PacketMessage>();
        while (await client.ReceiveAsync(ct) is { } message)
        {
            switch (message)
            {
                case PacketMessage packet:
                    packets.Add(packet);
                    break;
                case DoneMessage:
                    return packets;
                case ErrorMessage error:
                    throw new Xunit.Sdk.XunitException($"node sent ERROR {error.Code}: {error.Message}");
            }
        }

        throw new Xunit.Sdk.XunitException("node closed before DONE");
    }

    /// <summary>Sends <paramref name="count"/> test-pattern frames, then FLUSH, and collects the packets.</summary>
    public static async Task<List<PacketMessage>> EncodeAsync(Vtr1Client client, int width, int height, int count, CancellationToken ct,
        int forceKeyframeAt = -1)
    {
        var reading = ReadPacketsUntilDoneAsync(client, ct);
        for (var i = 0; i < count; i++)
        {
            var (luma, chroma) = Media.TestPattern.Nv12(width, height, i);
            await client.SendFrameAsync(i, 1, i == forceKeyframeAt, luma, chroma, ct);
        }

        await client.SendAsync(FlushMessage.Instance, ct);
        return await reading;
    }
}
