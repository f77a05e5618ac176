
namespace Vtr.Native.FFmpeg;

/// <summary>
/// The loaded FFmpeg: its library majors, the matching struct layout and the pixel-format numbers we use
/// (looked up by name, so a renumbered enum cannot bite). <see cref="Load"/> refuses unknown majors.
/// </summary>
public sealed class FFmpegRuntime
{
    /// <summary>AVERROR(EAGAIN): EAGAIN is 11 on Linux, 35 on macOS/BSD.</summary>
    public int ErrorAgain { get; } = OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD() ? -35 : -11;

    /// <summary>AVERROR_EOF = -MKTAG('E','O','F',' ').</summary>
    public const int ErrorEof = -0x20464F45;

    /// <summary>AVERROR_INVALIDDATA, FFERRTAG('I','N','D','A').</summary>
    public const int ErrorInvalidData = -0x41444E49;

    private static readonly Lock Gate = new();
    private static FFmpegRuntime? _instance;

    private FFmpegRuntime(int codecMajor, int utilMajor, AvLayout layout)
    {
        CodecMajor = codecMajor;
        UtilMajor = utilMajor;
        Layout = layout;
        Yuv420P = PixelFormat("yuv420p");
        Yuvj420P = PixelFormat("yuvj420p");
        Yuvj422P = PixelFormat("yuvj422p");
        Yuvj444P = PixelFormat("yuvj444p");
        Yuv420P10 = PixelFormat("yuv420p10le");
        Nv12 = PixelFormat("nv12");
        P010 = PixelFormat("p010le");
    }

    public int CodecMajor { get; }

    public int UtilMajor { get; }

    public AvLayout Layout { get; }

    public int Yuv420P { get; }

    public int Yuvj420P { get; }

    public int Yuvj422P { get; }

    public int Yuvj444P { get; }

    public int Yuv420P10 { get; }

    public int Nv12 { get; }

    public int P010 { get; }

    /// <summary>"lavc 59 / lavu 57"</summary>
    public string VersionText => $"libavcodec {CodecMajor} / libavutil {UtilMajor}";

    /// <summary>
    /// The major version a companion library (libavformat, libavfilter) reports through <paramref name="version"/>,
    /// refused unless it is <paramref name="expectedMajor"/>, the one this release of libavcodec ships with.
    /// </summary>
    /// <param name="missingHint">Appended to the refusal of a missing library, <paramref name="mismatchHint"/> to that of
    /// one from another release (what to install).</param>
    internal int CompanionMajor(string library, Func<uint> version, int expectedMajor, string missingHint, string mismatchHint)
    {
        uint reported;
        try
        {
            reported = version();
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            throw new FFmpegUnavailableException($"{library} not found ({e.Message}){missingHint}", e);
        }

        var major = (int)(reported >> 16);
        return major == expectedMajor
            ? major
            : throw new FFmpegUnavailableException($"{library} {major} does not belong to the loaded {VersionText}{mismatchHint}");
    }

    /// <summary>Loads libavcodec/libavutil once and checks their majors. Throws <see cref="FFmpegUnavailableException"/>.</summary>
    public static FFmpegRuntime Load()
    {
        lock (Gate)
        {
            return _instance ??= Create();
        }
    }

    /// <summary>Like <see cref="Load"/> but returns null with the reason instead of throwing (for probes and test skips).</summary>
    public static FFmpegRuntime? TryLoad(out string? reason)
    {
        try
        {
            reason = null;
            return Load();
        }
        catch (FFmpegUnavailableException e)
        {
            reason = e.Message;
            return null;
        }
    }

    private static FFmpegRuntime Create()
    {
        NativeLibraries.EnsureResolver();
        uint codecVersion, utilVersion;
        try
        {
            codecVersion = AvCodecNative.avcodec_version();
            utilVersion = AvUtilNative.avutil_version();
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            throw new FFmpegUnavailableException($"FFmpeg libraries not found ({e.Message}); install FFmpeg 5.1, 6.x, 7.x or 8.x", e);
        }

        var codecMajor = (int)(codecVersion >> 16);
        var utilMajor = (int)(utilVersion >> 16);
        var layout = AvLayout.Find(codecMajor, utilMajor)
            ?? throw new FFmpegUnavailableException(
                $"unsupported FFmpeg: libavcodec {codecMajor} / libavutil {utilMajor}; supported are "
                + "libavcodec 59/libavutil 57 (FFmpeg 5.1), 60/58 (6.x), 61/59 (7.x), 62/60 (8.x)");
        AvUtilNative.av_log_set_level(AvUtilNative.LogError);
        return new FFmpegRuntime(codecMajor, utilMajor, layout);
    }

    private static int PixelFormat(string name)
    {
        var value = AvUtilNative.av_get_pix_fmt(name);
        return value >= 0 ? value : throw new FFmpegUnavailableException($"FFmpeg does not know pixel format {name}");
    }
}
