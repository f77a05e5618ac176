using Vtr.Shared.Media;

namespace Vtr.Cli.Benchmarks;

/// <summary>What `vtr bench remote` measures: one clip, one encoder configuration, the wire compressions to compare.</summary>
internal sealed record RemoteBenchOptions
{
    /// <summary>Frames the client keeps in flight, as FFmpeg's remote encoder does.</summary>
    public const int DefaultWindow = 16;

    public int Frames { get; init; } = 300;

    public int Width { get; init; } = 1920;

    public int Height { get; init; } = 1080;

    public VideoCodec Codec { get; init; } = VideoCodec.H264;

    /// <summary>x264/x265 preset of the backend, used in-process and by the node alike.</summary>
    public string Preset { get; init; } = "veryfast";

    public IReadOnlyList<WireCompression> Compressions { get; init; } = [WireCompression.None, WireCompression.Lz4, WireCompression.Zstd];

    /// <summary>Target bitrate sent in CONFIGURE (and given to the in-process encoder), bits/s.</summary>
    public long Bitrate { get; init; } = 8_000_000;

    public int FrameRate { get; init; } = 30;

    public int Window { get; init; } = DefaultWindow;

    /// <summary>Every mode runs this many times, interleaved; the report keeps each mode's best run.</summary>
    public int Rounds { get; init; } = 1;

    /// <summary>Frames of the untimed warm-up session per mode (JIT, encoder open, TCP slow start).</summary>
    public int WarmupFrames { get; init; } = 8;
}
