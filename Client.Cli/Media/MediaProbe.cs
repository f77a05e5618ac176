using System.Collections.Immutable;
using Vtr.Native.FFmpeg;
using Vtr.Shared.Media;

namespace Vtr.Cli.Media;

/// <summary>
/// Reads an input once, start to end: its streams, the video stream's parameters and every video packet's
/// timestamps and flags in decode order (no decoding).
/// </summary>
public static class MediaProbe
{
    /// <summary>Throws <see cref="MediaOpenException"/> (missing/corrupt), <see cref="UnsupportedMediaException"/>
    /// (no video, or none this FFmpeg decodes) or <see cref="MediaLibraryException"/> (FFmpeg missing).</summary>
    public static MediaInfo Probe(string path)
    {
        using var input = InputContext.Open(path);
        var streams = ReadStreams(input);
        var videoIndex = AvFormatNative.av_find_best_stream(input.Handle, AvUtilNative.MediaTypeVideo, -1, -1, 0, 0);
        if (videoIndex < 0)
        {
            throw new UnsupportedMediaException($"'{path}' has no video stream.");
        }

        var layout = input.Layout;
        var parameters = input.StreamParameters(videoIndex);
        var codecId = AvFormatFields.CodecId(layout, parameters);
        if (AvCodecNative.avcodec_find_decoder(codecId) == 0)
        {
            throw new UnsupportedMediaException(
                $"'{path}': this FFmpeg has no decoder for video codec '{streams[videoIndex].CodecName}'.");
        }

        var codec = new SourceCodec(AvCodecNative.CodecName(codecId));
        var pixelFormat = AvUtilNative.PixelFormatName(AvFormatFields.Format(layout, parameters));
        var packets = ReadVideoPackets(input, videoIndex);
        if (packets.IsEmpty)
        {
            throw new MediaOpenException($"'{path}' contains no video packets (empty or truncated file).");
        }

        var timeBase = streams[videoIndex].TimeBase;
        var dtsFromContainer = HasUsableDts(packets);
        if (!dtsFromContainer)
        {
            packets = DecodeTimestamps.Synthesize(packets);
        }

        return new MediaInfo(
            path,
            input.FormatName,
            streams,
            videoIndex,
            codec,
            timeBase,
            AvFormatFields.Width(layout, parameters),
            AvFormatFields.Height(layout, parameters),
            pixelFormat,
            BitDepth(AvFormatFields.BitsPerRawSample(layout, parameters), pixelFormat),
            [.. AvFormatFields.Extradata(layout, parameters)],
            packets,
            Duration(packets, timeBase),
            dtsFromContainer)
        {
            Colour = ColourTags.Read(parameters),
        };
    }

    internal static Rational ToRational(AvRational value) => new((uint)Math.Max(0, value.Num), (uint)Math.Max(0, value.Den));

    private static ImmutableArray<MediaStreamInfo> ReadStreams(InputContext input)
    {
        var streams = ImmutableArray.CreateBuilder<MediaStreamInfo>(input.StreamCount);
        for (var i = 0; i < input.StreamCount; i++)
        {
            var parameters = input.StreamParameters(i);
            streams.Add(new MediaStreamInfo(
                i,
                ToKind(AvFormatFields.CodecType(input.Layout, parameters)),
                AvCodecNative.CodecName(AvFormatFields.CodecId(input.Layout, parameters)),
                ToRational(input.StreamTimeBase(i))));
        }

        return streams.MoveToImmutable();
    }

    private static ImmutableArray<VideoPacketInfo> ReadVideoPackets(InputContext input, int videoIndex)
    {
        var layout = input.Layout;
        var codecLayout = input.Runtime.Codecs.Layout;
        var packets = ImmutableArray.CreateBuilder<VideoPacketInfo>();
        while (input.ReadPacket())
        {
            var packet = input.Packet;
            if (AvFormatFields.PacketStreamIndex(layout, packet) != videoIndex)
            {
                continue;
            }

            var pts = AvFields.PacketPts(codecLayout, packet);
            var dts = AvFields.PacketDts(codecLayout, packet);
            packets.Add(new VideoPacketInfo(
                packets.Count,
                pts == AvLayout.NoPtsValue ? dts : pts,
                dts == AvLayout.NoPtsValue ? long.MaxValue : dts,
                AvFields.PacketDuration(codecLayout, packet),
                (AvFields.PacketFlags(codecLayout, packet) & AvLayout.PacketFlagKey) != 0,
                AvFormatFields.PacketPosition(layout, packet)));
        }

        return packets.ToImmutable();
    }

    private static bool HasUsableDts(ImmutableArray<VideoPacketInfo> packets)
    {
        for (var i = 0; i < packets.Length; i++)
        {
            if (packets[i].Dts > packets[i].Pts || (i > 0 && packets[i].Dts <= packets[i - 1].Dts))
            {
                return false;
            }
        }

        return true;
    }

    private static MediaStreamKind ToKind(int mediaType) => mediaType switch
    {
        AvUtilNative.MediaTypeVideo => MediaStreamKind.Video,
        AvUtilNative.MediaTypeAudio => MediaStreamKind.Audio,
        AvUtilNative.MediaTypeSubtitle => MediaStreamKind.Subtitle,
        AvUtilNative.MediaTypeData => MediaStreamKind.Data,
        AvUtilNative.MediaTypeAttachment => MediaStreamKind.Attachment,
        _ => MediaStreamKind.Unknown,
    };

    /// <summary>bits_per_raw_sample when the demuxer set it, else the depth the pixel format name states (…p10le → 10).</summary>
    private static int BitDepth(int bitsPerRawSample, string pixelFormat)
    {
        if (bitsPerRawSample > 0)
        {
            return bitsPerRawSample;
        }

        foreach (var depth in (ReadOnlySpan<int>)[16, 14, 12, 10, 9])
        {
            if (pixelFormat.Contains($"p{depth}", StringComparison.Ordinal))
            {
                return depth;
            }
        }

        return 8;
    }

    private static TimeSpan Duration(ImmutableArray<VideoPacketInfo> packets, Rational timeBase)
    {
        var first = long.MaxValue;
        var end = long.MinValue;
        foreach (var packet in packets)
        {
            first = Math.Min(first, packet.Pts);
            end = Math.Max(end, packet.Pts + Math.Max(0, packet.Duration));
        }

        return TimeSpan.FromSeconds((end - first) * (double)timeBase.Numerator / timeBase.Denominator);
    }
}
