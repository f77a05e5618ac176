using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text.Json;
using Vtr.Shared.Media;
using Vtr.Shared.Wire;
using Vtr.Testing.Captures;
using Xunit.Abstractions;

namespace Vtr.Shared.Tests.Wire.Captures;

/// <summary>
/// Replays every real client capture (and the mock replies): split, parse, compare with manifest.json,
/// re-serialise. Compressed planes are compared after decompression (our LZ4/zstd may emit other bytes).
/// </summary>
public sealed class CaptureReplayTests(ITestOutputHelper output)
{
    public static TheoryData<string> Scenarios => new(CaptureLocator.ScenarioNames());

    [CaptureTheory]
    [MemberData(nameof(Scenarios))]
    public void Capture_matches_its_manifest_and_reserialises_identically(string scenario)
    {
        foreach (var connection in CapturedConnection.Load(scenario))
        {
            // The client side is the real FFmpeg client (liblz4 / libzstd): our compressors must match it byte for byte.
            var clientMessages = Replay(connection.ClientToServer, connection.ClientMessages, WireCompression.None, $"{connection.Label} client→server", sameCompressedBytes: true, out var configure);
            var compression = configure?.Compression ?? WireCompression.None;
            Assert.True(clientMessages > 0);
            Replay(connection.ServerToClient, connection.ServerMessages, compression, $"{connection.Label} server→client", sameCompressedBytes: false, out _);
        }
    }

    [CaptureFact]
    public void Every_capture_scenario_is_replayed()
    {
        Assert.True(CaptureLocator.ScenarioNames().Count() >= 14, "expected the 14 published capture scenarios");
    }

    private int Replay(byte[] stream, JsonElement expected, WireCompression frameCompression, string label, bool sameCompressedBytes, out ConfigureMessage? configure)
    {
        configure = null;
        var buffer = new ReadOnlySequence<byte>(stream);
        var index = 0;
        while (Vtr1FrameReader.TryRead(ref buffer, Vtr1Limits.Default, out var type, out var payload))
        {
            Assert.True(index < expected.GetArrayLength(), $"{label}: more messages than the manifest lists");
            var want = expected[index];
            var offset = (int)payload.Start.GetInteger() - Vtr1Header.Size;
            var original = stream.AsSpan(offset, Vtr1Header.Size + (int)payload.Length).ToArray();
            Assert.Equal(want.GetProperty("offset").GetInt32(), offset);
            Assert.Equal(want.GetProperty("type").GetInt32(), (int)type);

            var message = Vtr1MessageReader.Read(type, payload, frameCompression, Vtr1Limits.Default);
            configure ??= message as ConfigureMessage;
            if (configure is not null && ReferenceEquals(message, configure))
            {
                frameCompression = configure.Compression;
            }

            CheckMessage(message, original, want, frameCompression, sameCompressedBytes, $"{label} #{index}");
            index++;
        }

        Assert.True(buffer.IsEmpty, $"{label}: {buffer.Length} trailing bytes do not form a message");
        Assert.Equal(expected.GetArrayLength(), index);
        return index;
    }

    private void CheckMessage(IVtr1Message message, byte[] original, JsonElement want, WireCompression compression, bool sameCompressedBytes, string label)
    {
        switch (message)
        {
            case FrameMessage frame:
                using (frame)
                {
                    CheckFrame(frame, original, want, compression, sameCompressedBytes, label);
                }

                break;
            case PacketMessage packet:
                Assert.Equal(want.GetProperty("pts").GetInt64(), packet.Pts);
                Assert.Equal(want.GetProperty("dts").GetInt64(), packet.Dts);
                Assert.Equal(original, WireBytes.Of(packet));
                break;
            case ErrorMessage error when want.TryGetProperty("message_raw_no_len_prefix", out var rawText):
                // The mock's ERROR lacks the u16 length: we keep its text but write a well-formed ERROR.
                Assert.Equal(want.GetProperty("code").GetUInt32(), error.Code);
                Assert.Equal(rawText.GetString(), error.Message);
                break;
            case HelloMessage hello:
                Assert.Equal(want.GetProperty("token").GetString(), hello.Token);
                Assert.Equal(want.GetProperty("codec").GetString(), hello.Codec);
                Assert.Equal(original, WireBytes.Of(hello));
                break;
            case ConfigureMessage configure:
                Assert.Equal(want.GetProperty("width").GetUInt32(), configure.Width);
                Assert.Equal(want.GetProperty("options").GetArrayLength(), configure.Options.Length);
                Assert.Equal(want.GetProperty("extradata_len").GetInt32(), configure.Extradata.Length);
                Assert.Equal(original, WireBytes.Of(configure));
                break;
            default:
                Assert.IsNotType<UnknownMessage>(message);
                Assert.Equal(original, WireBytes.Of(message));
                break;
        }

    }

    private void CheckFrame(FrameMessage frame, byte[] original, JsonElement want, WireCompression compression, bool sameCompressedBytes, string label)
    {
        Assert.Equal(want.GetProperty("pts").GetInt64(), frame.Pts);
        var planes = want.GetProperty("planes");
        Assert.Equal(planes.GetArrayLength(), frame.Planes.Count);
        for (var i = 0; i < frame.Planes.Count; i++)
        {
            var expectedHash = planes[i].GetProperty("decoded_sha256").GetString();
            Assert.Equal(expectedHash, Convert.ToHexStringLower(SHA256.HashData(frame.Planes[i].Data.Span)));
        }

        var ours = WireBytes.OfFrame(frame, compression);
        if (compression == WireCompression.None)
        {
            Assert.Equal(original, ours);
            return;
        }

        var identical = original.AsSpan().SequenceEqual(ours);
        output.WriteLine($"{label}: {compression} FRAME pts {frame.Pts} re-compressed {(identical ? "byte-identical" : $"differently ({original.Length} → {ours.Length} bytes)")}");
        if (sameCompressedBytes)
        {
            Assert.Equal(original, ours);
        }

        Assert.Equal(NonPlaneBytes(original), NonPlaneBytes(ours));
        using var again = Assert.IsType<FrameMessage>(WireBytes.Parse(ours, compression));
        Assert.Equal(frame.Planes, again.Planes);
        Assert.Equal(frame.SideData.AsEnumerable(), again.SideData);
        Assert.Equal((frame.Pts, frame.Duration, frame.Flags), (again.Pts, again.Duration, again.Flags));
    }

    /// <summary>Everything of a FRAME except the header length, plane data_len fields and plane bytes.</summary>
    internal static byte[] NonPlaneBytes(byte[] message)
    {
        var kept = new List<byte>(message.AsSpan(0, 8).ToArray());
        var payload = message.AsSpan(Vtr1Header.Size);
        kept.AddRange(payload[..21].ToArray());
        var position = 21;
        for (var plane = 0; plane < payload[20]; plane++)
        {
            kept.AddRange(payload.Slice(position, 8).ToArray());
            position += 12 + (int)BinaryPrimitives.ReadUInt32BigEndian(payload[(position + 8)..]);
        }

        kept.AddRange(payload[position..].ToArray());
        return [.. kept];
    }
}
