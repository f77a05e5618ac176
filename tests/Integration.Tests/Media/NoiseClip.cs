using System.Globalization;
using Vtr.Testing.Processes;

namespace Vtr.Integration.Tests.Media;

/// <summary>A near-lossless H.264 clip of testsrc2 with temporal noise (every frame costs bits, like camera footage):
/// what the --bitrate tests encode, and how they measure what an output holds.</summary>
public static class NoiseClip
{
    /// <param name="noise">The noise filter's strength (alls); <paramref name="gop"/> frames between keyframes.</param>
    public static async Task CreateAsync(string path, string size, int seconds, int noise, int gop, TimeSpan timeout)
    {
        var lavfi = string.Create(CultureInfo.InvariantCulture, $"testsrc2=size={size}:rate=30:duration={seconds},noise=alls={noise}:allf=t");
        await ToolRun.FfmpegPipeAsync(
            ["-v", "error", "-f", "lavfi", "-i", lavfi, "-pix_fmt", "yuv420p", "-c:v", "libx264", "-preset", "veryfast", "-crf", "12",
                "-g", gop.ToString(CultureInfo.InvariantCulture), path],
            timeout);
    }

    /// <summary>The video bitrate of <paramref name="output"/>: its elementary stream as ffmpeg copies it out of the
    /// container (parameter sets before each keyframe included), over the clip's exact <paramref name="seconds"/>.</summary>
    public static async Task<double> VideoBitsPerSecondAsync(string output, int seconds, TimeSpan timeout)
    {
        var stream = await ToolRun.FfmpegPipeAsync(["-v", "error", "-i", output, "-map", "0:v:0", "-c", "copy", "-f", "h264", "pipe:1"], timeout);
        return stream.Length * 8.0 / seconds;
    }
}
