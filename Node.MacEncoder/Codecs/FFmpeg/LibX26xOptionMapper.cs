using System.Globalization;
using System.Text;
using Vtr.Shared.Media;

namespace Vtr.Node.Codecs.FFmpeg;

/// <summary>
/// Maps the typed CONFIGURE options (WIRE.md §4.2) onto libx264/libx265 AVOptions, keeping the encoder delay
/// below the client's in-flight window (WIRE.md §3.2): frame threads, lookahead and B-frames are bounded so
/// that at most <see cref="MaxDelayFrames"/> frames are held before the first packet.
/// </summary>
public static class LibX26xOptionMapper
{
    public const string LibX264 = "libx264";
    public const string LibX265 = "libx265";

    /// <summary>Frames an encoder may hold; the original server caps VideoToolbox at the same 8.</summary>
    public const int MaxDelayFrames = 8;

    /// <summary><see cref="LibX26xConfiguration.Lookahead"/> when the preset's own lookahead applies (not set here).</summary>
    public const int PresetLookahead = -1;

    /// <summary>More frame threads add delay one frame each; slices would not, but cost quality.</summary>
    public const int MaxFrameThreads = 4;

    public const int MaxBFrames = 3;

    /// <summary>x265 cannot fit more than one B-frame into the delay budget (see <see cref="Map"/>).</summary>
    public const int MaxX265BFrames = 1;

    public const int MaxX265FrameThreads = 2;

    public static LibX26xConfiguration Map(EncoderSettings settings, FFmpegBackendOptions backend)
    {
        var o = settings.Options;
        var hevc = settings.Codec == VideoCodec.Hevc;
        var name = hevc ? LibX265 : LibX264;
        if (!hevc && settings.PixelFormat != WirePixelFormat.Nv12)
        {
            throw new CodecException("H.264 encoding accepts NV12 only; P010 (10-bit) needs codec hevc");
        }

        if (settings.Width <= 0 || settings.Height <= 0 || settings.Width % 2 != 0 || settings.Height % 2 != 0)
        {
            throw new CodecException($"{name} needs a positive even picture size, got {settings.Width}x{settings.Height}");
        }

        var warnings = new List<string>();
        var av = new List<KeyValuePair<string, string>>();
        var p = new StringBuilder();
        var preset = SoftwarePresetLadder.Effective(backend.SoftwarePreset, o);
        warnings.Add($"sw-preset={preset} ({name})");

        // libx264 takes NV12 directly; libx265 only planar, so the encoder deinterleaves (PlaneConverter).
        var pixel = settings.PixelFormat == WirePixelFormat.P010 ? "yuv420p10le" : hevc ? "yuv420p" : "nv12";
        var timeBase = $"{Math.Max(1u, settings.TimeBase.Numerator)}/{Math.Max(1u, settings.TimeBase.Denominator)}";
        Add(av, "video_size", $"{settings.Width}x{settings.Height}");
        Add(av, "pixel_format", pixel);
        Add(av, "time_base", timeBase);
        Add(av, "preset", preset);
        Add(av, "forced-idr", "1");
        Add(av, "flags", (o.Flags & EncoderOptions.FlagClosedGop) != 0 ? "+global_header+cgop" : "+global_header");

        // Delay budget, measured with libx264 in FFmpeg 5.1: the first packet arrives after
        // max(bframes, lookahead) + threads + 1 submitted frames; keep that <= MaxDelayFrames.
        var threads = backend.Threads > 0 ? backend.Threads : Math.Min(Environment.ProcessorCount, MaxFrameThreads);
        if (threads > MaxFrameThreads)
        {
            warnings.Add($"threads {threads} clamped to {MaxFrameThreads} frame threads to bound encoder delay ({name})");
            threads = MaxFrameThreads;
        }

        var bframes = MapBFrames(settings.Codec, o, name, warnings);
        var lowLatency = o.Realtime == 1 || (o.Flags & EncoderOptions.FlagLowDelay) != 0;
        int lookahead;
        if (hevc)
        {
            // Measured with x265 3.5: the first packet arrives after lookahead + bframes + frame-threads + 3
            // frames, and x265 refuses lookahead <= bframes. So at most 1 B-frame and 2 frame threads fit in 8.
            threads = Math.Min(threads, MaxX265FrameThreads);
            var minimum = bframes == 0 ? 0 : bframes + 1;
            lookahead = lowLatency ? minimum : Math.Max(minimum, MaxDelayFrames - 3 - bframes - threads);
        }
        else
        {
            lookahead = lowLatency ? 0 : Math.Max(0, MaxDelayFrames - 1 - threads);
        }

        // A transcode session decodes its input itself, so no FFmpeg client window bounds its delay: libx264 keeps
        // the preset's own lookahead (veryfast 10), which mbtree needs to see. Measured on 2 s segments of the 720p
        // bench clip: BD-rate of the split over plain ffmpeg +2.0 % at lookahead 5, +1.0 % at 10 (docs/benchmarks.md).
        var presetLookahead = !hevc && !lowLatency && o.Mode == "transcode";

        Add(av, "threads", threads.ToString(CultureInfo.InvariantCulture));
        if (settings.FrameRate.IsPositive)
        {
            // lavc 59 has no "framerate" AVOption; rate control learns the rate through the params string.
            Param(p, "fps", $"{settings.FrameRate.Numerator}/{settings.FrameRate.Denominator}");
        }

        if (hevc)
        {
            Param(p, "bframes", bframes);
            Param(p, "rc-lookahead", lookahead);
            Param(p, "frame-threads", threads);
            Param(p, "log-level", "error");
            if (backend.Threads > 0)
            {
                Param(p, "pools", backend.Threads);
            }
        }
        else
        {
            Add(av, "bf", bframes.ToString(CultureInfo.InvariantCulture));
            if (presetLookahead)
            {
                lookahead = PresetLookahead;
                warnings.Add($"rc-lookahead of the preset (transcode session, {name})");
            }
            else
            {
                Add(av, "rc-lookahead", lookahead.ToString(CultureInfo.InvariantCulture));
            }

            Param(p, "sync-lookahead", 0);
            Param(p, "sliced-threads", 0);
        }

        if ((o.Flags & EncoderOptions.FlagLowDelay) != 0)
        {
            warnings.Add($"flags low_delay mapped to rc-lookahead=0 ({name})");
        }

        LibX26xRateControl.Map(settings, av, p, warnings, name);
        LibX26xStreamOptions.Map(settings, av, p, warnings, name);
        if (p.Length > 0)
        {
            Add(av, hevc ? "x265-params" : "x264-params", p.ToString());
        }

        return new LibX26xConfiguration(name, preset, pixel, threads, bframes, lookahead, av, warnings);
    }

    private static int MapBFrames(VideoCodec codec, EncoderOptions o, string name, List<string> warnings)
    {
        if (o.MaxBFrames <= 0)
        {
            return 0;
        }

        if (codec == VideoCodec.H264 && (o.Profile & 0xFF) == 66)
        {
            warnings.Add($"max_b_frames ignored: baseline profile has no B-frames ({name})");
            return 0;
        }

        var limit = codec == VideoCodec.Hevc ? MaxX265BFrames : MaxBFrames;
        if (o.MaxBFrames > limit)
        {
            warnings.Add($"max_b_frames {o.MaxBFrames} clamped to {limit} to bound encoder delay ({name})");
            return limit;
        }

        return o.MaxBFrames;
    }

    internal static void Add(List<KeyValuePair<string, string>> av, string key, string value) => av.Add(new(key, value));

    internal static void Param(StringBuilder p, string key, string value)
    {
        if (p.Length > 0)
        {
            p.Append(':');
        }

        p.Append(key).Append('=').Append(value);
    }

    internal static void Param(StringBuilder p, string key, long value) =>
        Param(p, key, value.ToString(CultureInfo.InvariantCulture));
}
