using System.Globalization;
using Vtr.Native.FFmpeg;
using Vtr.Node.Codecs.FFmpeg;

namespace Vtr.Node.Codecs.Diagnostics;

/// <summary>The FFmpeg libraries the node would load, as `vtr doctor` reports them.</summary>
public static class FFmpegVersions
{
    /// <summary>"libavcodec 61.19.101, libavutil 59.39.100", or null with the reason when FFmpeg cannot be loaded.</summary>
    public static string? Describe(out string? unavailableReason)
    {
        if (FFmpegRuntime.TryLoad(out unavailableReason) is null)
        {
            return null;
        }

        return $"libavcodec {Format(AvCodecNative.avcodec_version())}, libavutil {Format(AvUtilNative.avutil_version())}";
    }

    /// <summary>AV_VERSION_INT packs major.minor.micro as (a &lt;&lt; 16) | (b &lt;&lt; 8) | c (libavutil/version.h).</summary>
    public static string Format(uint version) =>
        string.Create(CultureInfo.InvariantCulture, $"{version >> 16}.{(version >> 8) & 0xFF}.{version & 0xFF}");
}
