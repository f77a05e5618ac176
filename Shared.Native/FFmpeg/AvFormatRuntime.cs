
namespace Vtr.Native.FFmpeg;

/// <summary>
/// The loaded libavformat beside <see cref="FFmpegRuntime"/>'s libavcodec/libavutil: its major and struct layout.
/// <see cref="Load"/> refuses a libavformat from another release than libavcodec, or one without a layout row.
/// </summary>
public sealed class AvFormatRuntime
{
    private static readonly Lock Gate = new();
    private static AvFormatRuntime? _instance;

    private AvFormatRuntime(FFmpegRuntime codecs, int formatMajor, AvFormatLayout layout)
    {
        Codecs = codecs;
        FormatMajor = formatMajor;
        Layout = layout;
    }

    public FFmpegRuntime Codecs { get; }

    public int FormatMajor { get; }

    public AvFormatLayout Layout { get; }

    /// <summary>Loads once; throws <see cref="FFmpegUnavailableException"/> when FFmpeg is missing or unsupported.</summary>
    public static AvFormatRuntime Load()
    {
        lock (Gate)
        {
            return _instance ??= Create();
        }
    }

    private static AvFormatRuntime Create()
    {
        var codecs = FFmpegRuntime.Load();
        var major = codecs.CompanionMajor(
            "libavformat", AvFormatNative.avformat_version, codecs.CodecMajor,
            missingHint: "; install FFmpeg 5.1, 6.x, 7.x or 8.x", mismatchHint: "; install one FFmpeg release");

        var layout = AvFormatLayout.Find(major)
            ?? throw new FFmpegUnavailableException($"unsupported libavformat {major}; supported are 59 (FFmpeg 5.1), 60 (6.x), 61 (7.x), 62 (8.x)");
        return new AvFormatRuntime(codecs, major, layout);
    }
}
