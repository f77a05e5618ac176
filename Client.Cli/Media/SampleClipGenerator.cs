using System.Globalization;
using Vtr.Shared.Media;

namespace Vtr.Cli.Media;

/// <summary>
/// Creates short synthetic clips with the ffmpeg CLI (for tests and demos): testsrc2 video, optional sine AAC audio,
/// optional SubRip subtitles (MKV), CFR or VFR, closed or open GOPs, H.264 (libx264) or HEVC (libx265).
/// </summary>
public static class SampleClipGenerator
{
    public static async Task CreateAsync(string path, SampleClipOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        string? subtitles = null;
        if (options.Container == SampleClipContainer.Mkv)
        {
            subtitles = path + ".srt";
            await File.WriteAllTextAsync(subtitles, SubtitleText(options.DurationSeconds), ct);
        }

        try
        {
            var result = await MediaToolRunner.RunAsync(MediaToolRunner.FFmpeg, Arguments(path, options, subtitles), options.Timeout, ct);
            if (!result.Succeeded || !File.Exists(path))
            {
                throw new MediaProcessingException($"ffmpeg could not create the sample clip '{path}': {result.LastErrorLine}");
            }
        }
        finally
        {
            if (subtitles is not null)
            {
                File.Delete(subtitles);
            }
        }
    }

    internal static List<string> Arguments(string path, SampleClipOptions options, string? subtitlesPath)
    {
        var inv = CultureInfo.InvariantCulture;
        var duration = options.DurationSeconds.ToString(inv);
        var args = new List<string>
        {
            "-hide_banner", "-nostdin", "-loglevel", "error", "-y",
            "-f", "lavfi", "-i", string.Create(inv, $"testsrc2=size={options.Width}x{options.Height}:rate={options.FramesPerSecond}:duration={duration}"),
        };
        if (options.IncludeAudio)
        {
            args.AddRange(["-f", "lavfi", "-i", $"sine=frequency=440:sample_rate=48000:duration={duration}"]);
        }

        if (subtitlesPath is not null)
        {
            args.AddRange(["-i", subtitlesPath]);
        }

        args.AddRange(["-map", "0:v"]);
        if (options.IncludeAudio)
        {
            args.AddRange(["-map", "1:a", "-c:a", "aac", "-b:a", "96k"]);
        }

        if (subtitlesPath is not null)
        {
            args.AddRange(["-map", options.IncludeAudio ? "2:s" : "1:s", "-c:s", "srt"]);
        }

        if (options.VariableFrameRate)
        {
            // 1/1000 time base first so setpts is not rounded back to 1/fps; every third interval is 1.5x long.
            var frame = (1.0 / options.FramesPerSecond).ToString(inv);
            var extra = (0.5 / options.FramesPerSecond).ToString(inv);
            args.AddRange(["-vf", $"settb=1/1000,setpts=(N*{frame}+{extra}*floor(N/3))/TB", "-fps_mode", "vfr"]);
        }

        args.AddRange(["-pix_fmt", "yuv420p"]);
        args.AddRange(VideoEncoderArguments(options));
        args.Add(path);
        return args;
    }

    private static string[] VideoEncoderArguments(SampleClipOptions o)
    {
        var gop = string.Create(CultureInfo.InvariantCulture, $"keyint={o.KeyframeInterval}:min-keyint={o.KeyframeInterval}:scenecut=0:bframes={o.BFrames}");
        return o.Codec == VideoCodec.Hevc
            ? ["-c:v", "libx265", "-preset", "ultrafast", "-x265-params", $"{gop}:open-gop={(o.OpenGop ? 1 : 0)}:log-level=error"]
            : ["-c:v", "libx264", "-preset", "veryfast", "-x264-params", $"{gop}:open-gop={(o.OpenGop ? 1 : 0)}"];
    }

    private static string SubtitleText(double durationSeconds)
    {
        var cues = new System.Text.StringBuilder();
        var count = Math.Max(1, (int)durationSeconds);
        for (var i = 0; i < count; i++)
        {
            cues.Append(CultureInfo.InvariantCulture, $"{i + 1}\n00:00:{i:00},100 --> 00:00:{i:00},900\nSecond {i + 1}\n\n");
        }

        return cues.ToString();
    }
}
