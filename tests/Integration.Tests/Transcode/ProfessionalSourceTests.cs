using System.Collections.Immutable;
using System.Text.Json;
using Spectre.Console;
using Vtr.Cli.Media;
using Vtr.Cli.Segmenting;
using Vtr.Integration.Tests.Media;
using Vtr.Shared.Media;

using Vtr.Testing.Processes;

namespace Vtr.Integration.Tests.Transcode;

/// <summary>
/// Camera and post-production sources through the embedded cluster: a ProRes 422 HQ 10-bit .mov with four channels of
/// 24-bit PCM and a timecode track becomes HEVC Main10 in .mov with everything else kept; intra-only and long-GOP
/// intermediates travel as packets and are decoded by the node.
/// </summary>
[Trait("Category", "Native")]
public sealed class ProfessionalSourceTests : IDisposable
{
    private const string StartTimecode = "01:00:00:00";

    private readonly string _directory = Directory.CreateTempSubdirectory("vtr-pro-it-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [FfmpegFact]
    public async Task ProRes_422_HQ_with_24_bit_pcm_and_timecode_becomes_hevc_main10_mov_with_everything_else_kept()
    {
        var source = Path.Combine(_directory, "camera.mov");
        await ToolRun.FfmpegPipeAsync(
            ["-v", "error", "-f", "lavfi", "-i", "testsrc2=s=320x180:r=25:d=3", "-f", "lavfi", "-i", "sine=f=440:r=48000:d=3",
             "-filter_complex", "[1:a]pan=4c|c0=c0|c1=0.5*c0|c2=0.25*c0|c3=0.125*c0[a]", "-map", "0:v", "-map", "[a]",
             "-c:v", "prores_ks", "-profile:v", "3", "-pix_fmt", "yuv422p10le", "-c:a", "pcm_s24le", "-timecode", StartTimecode,
             "-metadata", "title=Scene 12 take 3", "-metadata:s:a:0", "language=eng", source],
            TimeSpan.FromSeconds(60));
        var output = Path.Combine(_directory, "graded.mov");

        // --codec left out, so the 10-bit source picks HEVC Main10; the node decodes the ProRes packets itself.
        var settings = new SegmentEncodeSettings(VideoCodec.H264, null, null, "", WireCompression.Lz4, TransportChoice.Packets)
        {
            Crf = 30,
            CodecFromSource = true,
        };
        var outcome = await TranscodeAsync(source, output, settings);

        Assert.True(outcome.Report.Passed, outcome.Report.ToString());
        Assert.Contains(outcome.Report.Checks, c => c.Name == "audio #0 copied bit-identical" && c.Passed);
        Assert.Equal(3, outcome.Job.Segments.Count);
        using var probe = await ProbeAsync(output);
        var streams = probe.RootElement.GetProperty("streams").EnumerateArray().ToList();
        var video = streams.Single(s => s.GetProperty("codec_type").GetString() == "video");
        Assert.Equal("hevc", video.GetProperty("codec_name").GetString());
        Assert.Equal("Main 10", video.GetProperty("profile").GetString());
        Assert.Equal("yuv420p10le", video.GetProperty("pix_fmt").GetString());
        Assert.Equal("hvc1", video.GetProperty("codec_tag_string").GetString());
        var audio = streams.Single(s => s.GetProperty("codec_type").GetString() == "audio");
        Assert.Equal("pcm_s24le", audio.GetProperty("codec_name").GetString());
        Assert.Equal(4, audio.GetProperty("channels").GetInt32());
        Assert.Equal("eng", Tag(audio, "language"));
        Assert.Null(Tag(video, "encoder")); // the source's "prores_ks" would be a lie now
        var timecode = streams.Single(s => s.GetProperty("codec_tag_string").GetString() == "tmcd");
        Assert.Equal(StartTimecode, Tag(timecode, "timecode"));
        Assert.Equal("Scene 12 take 3", Tag(probe.RootElement.GetProperty("format"), "title"));
        Assert.Equal(await AudioHashesAsync(source), await AudioHashesAsync(output));
    }

    [FfmpegFact]
    public async Task Intra_only_dnxhr_is_cut_at_the_requested_length_and_decoded_on_the_node() =>
        await IntermediateThroughPacketsAsync("dnxhr.mov", ["-c:v", "dnxhd", "-profile:v", "dnxhr_hq", "-pix_fmt", "yuv422p"], expectedSegments: 4);

    [FfmpegFact]
    public async Task Long_gop_mpeg2_with_b_frames_is_decoded_on_the_node() =>
        await IntermediateThroughPacketsAsync("broadcast.ts", ["-c:v", "mpeg2video", "-g", "12", "-bf", "2", "-b:v", "3M"], expectedSegments: null);

    private async Task IntermediateThroughPacketsAsync(string name, string[] codecArguments, int? expectedSegments)
    {
        var source = Path.Combine(_directory, name);
        await ToolRun.FfmpegPipeAsync(["-v", "error", "-f", "lavfi", "-i", "testsrc2=s=320x180:r=25:d=2", .. codecArguments, source], TimeSpan.FromSeconds(60));
        var output = Path.Combine(_directory, name + ".mkv");
        var settings = new SegmentEncodeSettings(VideoCodec.H264, null, null, "", WireCompression.Lz4, TransportChoice.Packets) { Crf = 30 };

        var outcome = await TranscodeAsync(source, output, settings, segmentSeconds: 0.5);

        Assert.True(outcome.Report.Passed, outcome.Report.ToString());
        Assert.Contains(outcome.Report.Checks, c => c.Name == "video pts" && c.Passed);
        if (expectedSegments is { } segments)
        {
            // Every DNxHR frame is a keyframe: 2 s cut every 0.5 s is exactly 4 segments of 12 or 13 frames.
            Assert.Equal(segments, outcome.Job.Segments.Count);
            Assert.All(outcome.Job.Segments.Values, s => Assert.InRange(s.Frames, 12, 13));
        }

        Assert.True(outcome.Quality?.Psnr > 30, $"PSNR {outcome.Quality?.Psnr}");
    }

    private static async Task<TranscodeOutcome> TranscodeAsync(string source, string output, SegmentEncodeSettings settings, double segmentSeconds = 1)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var request = new TranscodeRequest(source, output, ImmutableArray<string>.Empty, settings, segmentSeconds, 2)
        {
            EmbeddedSessionsPerNode = 1,
            Resume = false,
        };
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(new StringWriter()),
            Ansi = AnsiSupport.No,
            Interactive = InteractionSupport.No,
        });
        return await new TranscodeService(console, liveProgress: false).RunAsync(request, timeout.Token);
    }

    private static async Task<JsonDocument> ProbeAsync(string path)
    {
        var result = await MediaToolRunner.RunAsync(MediaToolRunner.FFprobe,
            ["-v", "error", "-show_entries", "stream=codec_type,codec_name,profile,pix_fmt,codec_tag_string,channels:stream_tags:format_tags", "-of", "json", path],
            TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.True(result.Succeeded, result.StandardError);
        return JsonDocument.Parse(result.StandardOutput);
    }

    /// <summary>MD5 of every audio packet's payload, in order: equal lists mean the samples were copied bit for bit.</summary>
    private static async Task<List<string>> AudioHashesAsync(string path)
    {
        var result = await MediaToolRunner.RunAsync(MediaToolRunner.FFprobe,
            ["-v", "error", "-select_streams", "a", "-show_data_hash", "md5", "-show_entries", "packet=data_hash", "-of", "csv=p=0", path],
            TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.True(result.Succeeded, result.StandardError);
        var hashes = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        Assert.NotEmpty(hashes);
        return hashes;
    }

    private static string? Tag(JsonElement element, string key) =>
        element.TryGetProperty("tags", out var tags) && tags.TryGetProperty(key, out var value) ? value.GetString() : null;
}
