using System.Collections.Immutable;
using Spectre.Console;
using Vtr.Cli.Media;
using Vtr.Cli.Segmenting;
using Vtr.Integration.Tests.Media;
using Vtr.Shared.Media;

using Vtr.Testing.Processes;

namespace Vtr.Integration.Tests.Transcode;

/// <summary>Colour tags survive a transcode in the container and in the encoded stream's VUI; an untagged source stays untagged.</summary>
[Trait("Category", "Native")]
public sealed class ColourPassThroughTests : IDisposable
{
    private const string Unknown = "unknown/unknown/unknown";

    private readonly string _directory = Directory.CreateTempSubdirectory("vtr-colour-it-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [FfmpegFact]
    public async Task Hdr10_tags_of_a_10_bit_source_reach_the_mov_colr_and_the_hevc_vui()
    {
        var source = await SourceAsync("pq.mkv", ["-pix_fmt", "yuv420p10le", "-color_primaries", "bt2020", "-color_trc", "smpte2084", "-colorspace", "bt2020nc", "-color_range", "tv"]);

        var output = await TranscodeAsync(source, "pq.mov");

        Assert.Equal("bt2020/smpte2084/bt2020nc tv", await ColoursAsync(output));
        Assert.Equal("bt2020/smpte2084/bt2020nc tv", await ColoursAsync(await ElementaryStreamAsync(output, "hevc")));
    }

    [FfmpegFact]
    public async Task Bt709_full_range_tags_reach_the_h264_vui_in_matroska()
    {
        var source = await SourceAsync("709.mkv", ["-pix_fmt", "yuv420p", "-color_primaries", "bt709", "-color_trc", "bt709", "-colorspace", "bt709", "-color_range", "pc"]);

        var output = await TranscodeAsync(source, "709.mkv");

        Assert.Equal("bt709/bt709/bt709 pc", await ColoursAsync(output));
        Assert.Equal("bt709/bt709/bt709 pc", await ColoursAsync(await ElementaryStreamAsync(output, "h264")));
    }

    [FfmpegFact]
    public async Task An_untagged_source_stays_untagged()
    {
        var source = await SourceAsync("plain.mp4", ["-pix_fmt", "yuv420p"]);
        Assert.StartsWith(Unknown, await ColoursAsync(source), StringComparison.Ordinal);

        var output = await TranscodeAsync(source, "plain.mp4");

        Assert.StartsWith(Unknown, await ColoursAsync(output), StringComparison.Ordinal);
        Assert.StartsWith(Unknown, await ColoursAsync(await ElementaryStreamAsync(output, "h264")), StringComparison.Ordinal);
    }

    private async Task<string> SourceAsync(string name, string[] pixelArguments)
    {
        var path = Path.Combine(_directory, name);
        await ToolRun.FfmpegPipeAsync(["-v", "error", "-f", "lavfi", "-i", "testsrc2=s=320x180:r=25:d=2", "-c:v", "libx264", "-preset", "ultrafast", .. pixelArguments, path],
            TimeSpan.FromSeconds(60));
        return path;
    }

    private async Task<string> TranscodeAsync(string source, string name)
    {
        var output = Path.Combine(_directory, "out-" + name);
        var settings = new SegmentEncodeSettings(VideoCodec.H264, null, null, "", WireCompression.Lz4, TransportChoice.Auto) { Crf = 30, CodecFromSource = true };
        var request = new TranscodeRequest(source, output, ImmutableArray<string>.Empty, settings, 1, 1) { EmbeddedSessionsPerNode = 1, Resume = false };
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(new StringWriter()), Ansi = AnsiSupport.No, Interactive = InteractionSupport.No });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var outcome = await new TranscodeService(console, liveProgress: false).RunAsync(request, timeout.Token);
        Assert.True(outcome.Report.Passed, outcome.Report.ToString());
        return output;
    }

    /// <summary>The bare video stream, so only the VUI can carry colour.</summary>
    private async Task<string> ElementaryStreamAsync(string path, string format)
    {
        var elementary = Path.Combine(_directory, Path.GetFileName(path) + "." + format);
        await ToolRun.FfmpegPipeAsync(["-v", "error", "-i", path, "-map", "0:v", "-c", "copy", "-f", format, elementary], TimeSpan.FromSeconds(30));
        return elementary;
    }

    /// <summary>"primaries/transfer/matrix range" as ffprobe reports the video stream.</summary>
    private static async Task<string> ColoursAsync(string path)
    {
        var result = await MediaToolRunner.RunAsync(MediaToolRunner.FFprobe,
            ["-v", "error", "-select_streams", "v:0", "-show_entries", "stream=color_primaries,color_transfer,color_space,color_range", "-of", "default=nw=1", path],
            TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.True(result.Succeeded, result.StandardError);
        var values = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('=', 2)).ToDictionary(pair => pair[0], pair => pair[1]);
        return $"{values["color_primaries"]}/{values["color_transfer"]}/{values["color_space"]} {values["color_range"]}";
    }
}
