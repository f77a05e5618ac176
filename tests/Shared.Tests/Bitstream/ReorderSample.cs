using System.Buffers;
using System.Collections.Concurrent;
using Vtr.Shared.Bitstream;
using Vtr.Shared.Media;

namespace Vtr.Shared.Tests.Bitstream;

/// <summary>
/// B-frame streams (24 pictures, so several are reordered) encoded by the ffmpeg CLI, helpers that
/// remove the H.264 VUI or its bitstream_restriction (no encoder we have emits those SPS forms with
/// B-frames), and ffmpeg's framemd5 of a stream.
/// </summary>
internal static class ReorderSample
{
    private static readonly ConcurrentDictionary<string, Lazy<byte[]>> Cache = new();

    public static byte[] X264WithBFrames() => Encode("x264-bf3", "h264", "-c:v libx264 -preset veryfast -bf 3 -g 12");

    public static byte[] X264WithoutBFrames() => Encode("x264-bf0", "h264", "-c:v libx264 -preset veryfast -bf 0 -g 12");

    public static byte[] X265WithBFrames() =>
        Encode("x265-bf4", "hevc", "-c:v libx265 -preset veryfast -x265-params log-level=error:bframes=4:keyint=12");

    /// <summary>The stream with each SPS changed by <paramref name="rewrite"/> and every other byte kept.</summary>
    public static byte[] WithSps(VideoCodec codec, byte[] annexB, Func<byte[], byte[]> rewrite)
    {
        var output = new ArrayBufferWriter<byte>();
        foreach (var nal in Nals(annexB))
        {
            var type = codec == VideoCodec.Hevc ? HevcNalUnitType.Of(nal) : H264NalUnitType.Of(nal);
            var isSps = type == (codec == VideoCodec.Hevc ? HevcNalUnitType.Sps : H264NalUnitType.Sps);
            output.Write<byte>([0, 0, 0, 1]);
            output.Write<byte>(isSps ? rewrite(nal) : nal);
        }

        return output.WrittenSpan.ToArray();
    }

    public static List<byte[]> Nals(byte[] annexB)
    {
        var nals = new List<byte[]>();
        foreach (var nal in NalUnitReader.ForAnnexB(annexB))
        {
            nals.Add(nal.ToArray());
        }

        return nals;
    }

    public static byte[] FirstSps(VideoCodec codec, byte[] annexB) =>
        Nals(annexB).First(n => codec == VideoCodec.Hevc ? HevcNalUnitType.Of(n) == HevcNalUnitType.Sps : H264NalUnitType.Of(n) == H264NalUnitType.Sps);

    /// <summary>An H.264 SPS with vui_parameters_present_flag 0 (and nothing after it).</summary>
    public static byte[] WithoutVui(byte[] sps) => Cut(sps, static (ref BitReader reader) =>
    {
        Assert.True(H264SpsInfo.TryRead(ref reader, out _));
        return reader.BitPosition;
    });

    /// <summary>An H.264 SPS whose VUI ends with bitstream_restriction_flag 0.</summary>
    public static byte[] WithoutBitstreamRestriction(byte[] sps) => Cut(sps, static (ref BitReader reader) =>
    {
        Assert.True(H264SpsInfo.TryRead(ref reader, out _));
        Assert.True(reader.Flag());
        Assert.True(H264VuiSyntax.TryLocateReorderField(ref reader, out var flag, out _, out _));
        return flag;
    });

    /// <summary>The sorted framemd5 hashes ffmpeg computes for a raw stream (output order aside).</summary>
    public static List<string> FrameHashes(VideoCodec codec, byte[] annexB)
    {
        var name = Guid.NewGuid().ToString("N");
        var input = Path.Combine(EncodedSample.Folder, $"{name}.{codec.ToWireName()}");
        var output = Path.Combine(EncodedSample.Folder, $"{name}.framemd5");
        File.WriteAllBytes(input, annexB);
        EncodedSample.RunFfmpeg($"-f {codec.ToWireName()} -i \"{input}\" -f framemd5 \"{output}\"");
        return [.. File.ReadAllLines(output).Where(l => l.Length > 0 && l[0] != '#').Select(l => l.Split(',')[^1].Trim()).Order(StringComparer.Ordinal)];
    }

    private delegate long Locate(ref BitReader reader);

    /// <summary>Keeps the SPS bits before the located field, writes a 0 flag there, and ends the RBSP.</summary>
    private static byte[] Cut(byte[] sps, Locate locate)
    {
        var rbsp = new byte[sps.Length];
        var length = Rbsp.Unescape(sps, rbsp);
        var payload = rbsp.AsSpan(1, length - 1);
        var reader = new BitReader(payload);
        var position = locate(ref reader);
        var output = new byte[length + 1];
        output[0] = sps[0];
        var writer = new BitWriter(output.AsSpan(1));
        writer.CopyBits(payload, 0, position);
        writer.WriteFlag(false);
        writer.WriteTrailingBits();
        var escaped = new byte[Rbsp.MaxEscapedLength(output.Length)];
        return escaped[..Rbsp.Escape(output.AsSpan(0, 1 + writer.BytesWritten), escaped)];
    }

    private static byte[] Encode(string name, string format, string encoder) =>
        Cache.GetOrAdd(name, _ => new Lazy<byte[]>(() =>
        {
            var path = Path.Combine(EncodedSample.Folder, $"{name}.{format}");
            EncodedSample.RunFfmpeg($"-f lavfi -i testsrc2=size=320x240:rate=25 -frames:v 24 -pix_fmt yuv420p {encoder} -f {format} \"{path}\"");
            return File.ReadAllBytes(path);
        })).Value;
}
