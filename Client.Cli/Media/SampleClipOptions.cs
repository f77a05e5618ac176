using Vtr.Shared.Media;

namespace Vtr.Cli.Media;

public enum SampleClipContainer
{
    Mp4,
    Mkv,
}

/// <summary>
/// What <see cref="SampleClipGenerator"/> makes: testsrc2 video + a sine AAC track. Defaults: 640x360, 25 fps, 4 s,
/// H.264, a keyframe every 25 frames, B-frames on, closed GOPs, constant frame rate, MP4.
/// </summary>
public sealed record SampleClipOptions
{
    public int Width { get; init; } = 640;

    public int Height { get; init; } = 360;

    public int FramesPerSecond { get; init; } = 25;

    public double DurationSeconds { get; init; } = 4;

    public VideoCodec Codec { get; init; } = VideoCodec.H264;

    public int KeyframeInterval { get; init; } = 25;

    public int BFrames { get; init; } = 2;

    /// <summary>Open GOPs: keyframes after the first are non-IDR I (H.264) / CRA (HEVC) pictures with leading frames.</summary>
    public bool OpenGop { get; init; }

    /// <summary>Uneven frame intervals (every third frame lasts 1.5×), timestamps in a 1/1000 time base.</summary>
    public bool VariableFrameRate { get; init; }

    /// <summary>MKV adds a SubRip subtitle track.</summary>
    public SampleClipContainer Container { get; init; } = SampleClipContainer.Mp4;

    public bool IncludeAudio { get; init; } = true;

    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(2);
}
