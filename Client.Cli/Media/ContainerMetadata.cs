using Vtr.Native.FFmpeg;

namespace Vtr.Cli.Media;

/// <summary>
/// What the output keeps of the source besides its packets: the file's global metadata, each stream's tags (language,
/// title, handler, ...), the video stream's tags and average frame rate, and the start timecode. A QuickTime timecode
/// track (tmcd) is not copied as a data stream: the mov/mp4 muxer writes a new one from the video stream's
/// <c>timecode</c> tag (as ffmpeg does), which keeps it pointing at the new video track.
/// </summary>
internal static class ContainerMetadata
{
    /// <summary>MKTAG('t','m','c','d'): the codec tag of a QuickTime timecode track.</summary>
    public const uint TimecodeTag = 't' | ('m' << 8) | ('c' << 16) | ((uint)'d' << 24);

    private const string TimecodeKey = "timecode";

    /// <summary>AV_DICT_DONT_OVERWRITE: tags the muxer or an earlier step already set win.</summary>
    private const int DontOverwrite = 16;

    /// <summary>True for a tmcd data stream, which the muxer recreates instead of copying.</summary>
    public static bool IsTimecodeTrack(InputContext input, int index)
    {
        var parameters = input.StreamParameters(index);
        return AvFormatFields.CodecType(input.Layout, parameters) == AvUtilNative.MediaTypeData
            && AvFormatFields.CodecTag(input.Layout, parameters) == TimecodeTag;
    }

    /// <summary>Global tags, and the video stream's tags, frame rate and start timecode, onto <paramref name="outputVideo"/>.</summary>
    public static void Carry(InputContext input, SafeOutputContextHandle output, nint outputVideo)
    {
        var l = input.Layout;
        var inputContext = input.Handle.DangerousGetHandle();
        var outputContext = output.DangerousGetHandle();
        Copy(AvFormatFields.ContextMetadataField(l, outputContext), AvFormatFields.ContextMetadata(l, inputContext), "file");

        var video = FirstVideoStream(input);
        if (video < 0)
        {
            return;
        }

        var source = input.Stream(video);
        var outputTags = AvFormatFields.StreamMetadataField(l, outputVideo);
        Copy(outputTags, AvFormatFields.StreamMetadata(l, source), "video stream");
        // The source's encoder tag names the codec it was made with, not ours (ffmpeg drops it too).
        MediaProcessingException.ThrowIfError(AvUtilNative.av_dict_set(outputTags, "encoder", null, 0), "av_dict_set(encoder)");
        var rate = AvFormatFields.StreamAverageFrameRate(l, source);
        if (rate.Num > 0 && rate.Den > 0)
        {
            // movenc derives the timecode track's frame rate from it.
            AvFormatFields.SetStreamAverageFrameRate(l, outputVideo, rate);
        }

        if (Find(AvFormatFields.StreamMetadata(l, outputVideo), TimecodeKey) is null && FindTimecode(input) is { } timecode)
        {
            MediaProcessingException.ThrowIfError(AvUtilNative.av_dict_set(outputTags, TimecodeKey, timecode, 0), "av_dict_set(timecode)");
        }
    }

    /// <summary>A copied stream's tags.</summary>
    public static void CopyStreamTags(InputContext input, int index, nint outputStream) =>
        Copy(AvFormatFields.StreamMetadataField(input.Layout, outputStream), AvFormatFields.StreamMetadata(input.Layout, input.Stream(index)),
            $"stream #{index}");

    /// <summary>The start timecode: a tmcd track's tag, else any stream's, else the file's.</summary>
    public static string? FindTimecode(InputContext input)
    {
        var l = input.Layout;
        string? any = null;
        for (var i = 0; i < input.StreamCount; i++)
        {
            var value = Find(AvFormatFields.StreamMetadata(l, input.Stream(i)), TimecodeKey);
            if (value is not null && IsTimecodeTrack(input, i))
            {
                return value;
            }

            any ??= value;
        }

        return any ?? Find(AvFormatFields.ContextMetadata(l, input.Handle.DangerousGetHandle()), TimecodeKey);
    }

    private static int FirstVideoStream(InputContext input)
    {
        for (var i = 0; i < input.StreamCount; i++)
        {
            if (AvFormatFields.CodecType(input.Layout, input.StreamParameters(i)) == AvUtilNative.MediaTypeVideo)
            {
                return i;
            }
        }

        return -1;
    }

    private static void Copy(nint destinationField, nint source, string what)
    {
        if (source != 0)
        {
            var result = AvUtilNative.av_dict_copy(destinationField, source, DontOverwrite);
            if (result < 0)
            {
                throw new MediaProcessingException($"Cannot copy the {what} metadata: {FFmpegErrors.Describe(result)}.");
            }
        }
    }

    private static string? Find(nint dictionary, string key) => AvUtilNative.DictionaryValue(dictionary, key);
}
