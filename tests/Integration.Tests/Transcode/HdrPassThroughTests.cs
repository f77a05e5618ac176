using System.Globalization;
using Vtr.Cli.Media;
using Vtr.Testing.Processes;

namespace Vtr.Integration.Tests.Transcode;

/// <summary>
/// HDR10 and HLG sources keep their HDR description: colour tags, and the mastering display and content light level in
/// the encoded stream's SEI (what ffprobe shows as the first frame's side data) and in the container (mov mdcv/clli,
/// Matroska MasteringMetadata: the stream's side data), whether the source carried them in its SEI or its container.
/// </summary>
[Trait("Category", "Native")]
public sealed class HdrPassThroughTests : IDisposable
{
    private const string MasterDisplay = "G(13250,34500)B(7500,3000)R(34000,16000)WP(15635,16450)L(10000000,1)";
    private const string Pq = "bt2020/smpte2084/bt2020nc tv";

    /// <summary>What ffprobe prints for <see cref="MasterDisplay"/> and max-cll 1000,400, in SEI units.</summary>
    private static readonly Dictionary<string, long> Expected = new()
    {
        ["red_x"] = 34000,
        ["red_y"] = 16000,
        ["green_x"] = 13250,
        ["green_y"] = 34500,
        ["blue_x"] = 7500,
        ["blue_y"] = 3000,
        ["white_point_x"] = 15635,
        ["white_point_y"] = 16450,
        ["min_luminance"] = 1,
        ["max_luminance"] = 10_000_000,
        ["max_content"] = 1000,
        ["max_average"] = 400,
    };

    private readonly string _directory = Directory.CreateTempSubdirectory("vtr-hdr-it-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [FfmpegFact]
    public async Task Hdr10_from_an_x265_sei_reaches_the_hevc_sei_and_the_mov_mdcv_and_clli()
    {
        var source = await X265SourceAsync("pq.mkv");
        Assert.Empty(await StreamSideDataAsync(source)); // the source has it in its SEI only

        var output = await TranscodeAsync(source, "pq.mov");

        Assert.Equal(Pq, await ColoursAsync(output));
        Assert.Equal(Expected, await FirstFrameSideDataAsync(output));
        Assert.Equal(Expected, await StreamSideDataAsync(output));
        Assert.Equal("codec_tag_string=hvc1", await ProbeAsync(output, "stream=codec_tag_string"));
    }

    [FfmpegFact]
    public async Task Hdr10_reaches_matroska_mastering_metadata()
    {
        var output = await TranscodeAsync(await X265SourceAsync("pq-for-mkv.mkv"), "pq.mkv");

        Assert.Equal(Pq, await ColoursAsync(output));
        Assert.Equal(Expected, await FirstFrameSideDataAsync(output));
        Assert.Equal(Expected, await StreamSideDataAsync(output));
    }

    [FfmpegFact]
    public async Task A_prores_source_with_hdr10_only_in_its_container_gets_it_into_the_hevc_sei()
    {
        // The mov written by vtr carries mdcv/clli; prores_ks re-encodes it and FFmpeg copies the stream side data.
        var graded = await TranscodeAsync(await X265SourceAsync("camera.mkv"), "graded.mov");
        var prores = Path.Combine(_directory, "master.mov");
        await ToolRun.FfmpegPipeAsync(["-v", "error", "-i", graded, "-c:v", "prores_ks", "-profile:v", "3", "-pix_fmt", "yuv422p10le", prores],
            TimeSpan.FromSeconds(60));
        Assert.Equal(Expected, await StreamSideDataAsync(prores));

        var output = await TranscodeAsync(prores, "delivery.mp4");

        Assert.Equal(Pq, await ColoursAsync(output));
        Assert.Equal(Expected, await FirstFrameSideDataAsync(output));
        Assert.Equal(Expected, await StreamSideDataAsync(output));
    }

    [FfmpegFact]
    public async Task Hlg_keeps_its_arib_std_b67_transfer_in_the_container_and_the_vui()
    {
        var source = Path.Combine(_directory, "hlg.mov");
        await ToolRun.FfmpegPipeAsync(
            ["-v", "error", "-f", "lavfi", "-i", "testsrc2=s=320x180:r=25:d=2", "-c:v", "libx265", "-preset", "ultrafast", "-pix_fmt", "yuv420p10le",
             "-x265-params", "log-level=error", "-color_primaries", "bt2020", "-color_trc", "arib-std-b67", "-colorspace", "bt2020nc", "-color_range", "tv", source],
            TimeSpan.FromSeconds(60));

        var output = await TranscodeAsync(source, "hlg-out.mov");

        Assert.Equal("bt2020/arib-std-b67/bt2020nc tv", await ColoursAsync(output));
        var elementary = Path.Combine(_directory, "hlg-out.hevc");
        await ToolRun.FfmpegPipeAsync(["-v", "error", "-i", output, "-map", "0:v", "-c", "copy", "-f", "hevc", elementary], TimeSpan.FromSeconds(30));
        Assert.Equal("bt2020/arib-std-b67/bt2020nc tv", await ColoursAsync(elementary));
        Assert.Empty(await FirstFrameSideDataAsync(output)); // no mastering display was invented
    }

    private async Task<string> X265SourceAsync(string name)
    {
        var path = Path.Combine(_directory, name);
        await ToolRun.FfmpegPipeAsync(
            ["-v", "error", "-f", "lavfi", "-i", "testsrc2=s=320x180:r=25:d=2", "-c:v", "libx265", "-preset", "ultrafast", "-pix_fmt", "yuv420p10le",
             "-x265-params", $"master-display={MasterDisplay}:max-cll=1000,400:log-level=error",
             "-color_primaries", "bt2020", "-color_trc", "smpte2084", "-colorspace", "bt2020nc", "-color_range", "tv", path],
            TimeSpan.FromSeconds(60));
        return path;
    }

    private async Task<string> TranscodeAsync(string source, string name)
    {
        var output = Path.Combine(_directory, "out-" + name);
        await EmbeddedTranscode.RunAsync(source, output);
        return output;
    }

    /// <summary>The HDR side data of the first decoded frame: what the HEVC decoder found in the SEI.</summary>
    private static async Task<Dictionary<string, long>> FirstFrameSideDataAsync(string path) =>
        HdrValues(await ProbeAsync(path, "frame=side_data_list", "-show_frames", "-read_intervals", "%+#1"));

    /// <summary>The HDR side data of the video stream: what the demuxer read from mdcv/clli or MasteringMetadata.</summary>
    private static async Task<Dictionary<string, long>> StreamSideDataAsync(string path) =>
        HdrValues(await ProbeAsync(path, "stream_side_data_list"));

    /// <summary>Mastering display and light level values in SEI units (chromaticity x 50000, luminance x 10000), whatever
    /// fraction the container stores them as (Matroska keeps floats, so 34000/50000 reads back as 17/25).</summary>
    private static Dictionary<string, long> HdrValues(string probed)
    {
        var values = new Dictionary<string, long>();
        foreach (var line in probed.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pair = line.Split('=', 2);
            if (pair.Length != 2 || !Expected.ContainsKey(pair[0]) || values.ContainsKey(pair[0]))
            {
                continue;
            }

            var scale = pair[0].Contains("luminance", StringComparison.Ordinal) ? 10_000 : pair[0].StartsWith("max_", StringComparison.Ordinal) ? 1 : 50_000;
            var fraction = pair[1].Split('/');
            var value = double.Parse(fraction[0], CultureInfo.InvariantCulture) / (fraction.Length == 2 ? double.Parse(fraction[1], CultureInfo.InvariantCulture) : 1);
            values[pair[0]] = (long)Math.Round(value * scale);
        }

        return values;
    }

    /// <summary>"primaries/transfer/matrix range" as ffprobe reports the video stream.</summary>
    private static async Task<string> ColoursAsync(string path)
    {
        var values = (await ProbeAsync(path, "stream=color_primaries,color_transfer,color_space,color_range"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('=', 2)).ToDictionary(pair => pair[0], pair => pair[1]);
        return $"{values["color_primaries"]}/{values["color_transfer"]}/{values["color_space"]} {values["color_range"]}";
    }

    private static async Task<string> ProbeAsync(string path, string entries, params string[] extra)
    {
        var result = await MediaToolRunner.RunAsync(MediaToolRunner.FFprobe,
            ["-v", "error", "-select_streams", "v:0", .. extra, "-show_entries", entries, "-of", "default=nw=1:nk=0", path],
            TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.True(result.Succeeded, result.StandardError);
        return result.StandardOutput.Trim();
    }
}
