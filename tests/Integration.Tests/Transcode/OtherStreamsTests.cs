using System.Text;
using Vtr.Cli.Media;
using Vtr.Testing.Processes;

namespace Vtr.Integration.Tests.Transcode;

/// <summary>
/// A source with two audio languages, a subtitle track and chapters: every non-video packet comes out bit-identical
/// with its timestamps (framemd5), and each track keeps its language, title and disposition, the file its chapters.
/// </summary>
[Trait("Category", "Native")]
public sealed class OtherStreamsTests : IDisposable
{
    private const string Chapters = ";FFMETADATA1\ntitle=Two languages\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=0\nEND=1500\ntitle=Opening\n"
        + "[CHAPTER]\nTIMEBASE=1/1000\nSTART=1500\nEND=3000\ntitle=Ending\n";

    private const string Subtitles = "1\n00:00:00,500 --> 00:00:01,500\nHello\n\n2\n00:00:02,000 --> 00:00:03,000\nWorld\n";

    private readonly string _directory = Directory.CreateTempSubdirectory("vtr-streams-it-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [FfmpegFact]
    public async Task Matroska_keeps_both_audio_languages_the_srt_subtitles_their_titles_dispositions_and_the_chapters()
    {
        var source = await SourceAsync("two.mkv", "srt", "deu");

        var output = await TranscodeAsync(source, "two-out.mkv");

        var described = await DescribeAsync(output);
        Assert.Contains("codec_name=aac|codec_type=audio|disposition:default=1|disposition:forced=0|tag:language=eng|tag:title=English stereo", described, StringComparison.Ordinal);
        Assert.Contains("codec_name=pcm_s24le|codec_type=audio|disposition:default=0|disposition:forced=0|tag:language=deu|tag:title=Deutsch PCM", described, StringComparison.Ordinal);
        Assert.Contains("codec_name=subrip|codec_type=subtitle|disposition:default=0|disposition:forced=1|tag:language=eng|tag:title=English subtitles", described, StringComparison.Ordinal);
        Assert.Contains("start_time=1.500000|end=3000000000|end_time=3.000000|tag:title=Ending", described, StringComparison.Ordinal);
        Assert.Equal(await DescribeAsync(source), described);
        Assert.Equal(await PacketHashesAsync(source), await PacketHashesAsync(output));
    }

    [FfmpegFact]
    public async Task QuickTime_keeps_both_audio_languages_the_mov_text_subtitles_their_dispositions_and_the_chapters()
    {
        // movenc stores languages as Macintosh codes, which know German as "ger" (ISO 639-2/B), no track titles and no
        // forced flag; whatever the source holds must come out the same.
        var source = await SourceAsync("two.mov", "mov_text", "ger");

        var output = await TranscodeAsync(source, "two-out.mov");

        var described = await DescribeAsync(output);
        Assert.Contains("codec_name=pcm_s24le|codec_type=audio|disposition:default=0|disposition:forced=0|tag:language=ger", described, StringComparison.Ordinal);
        Assert.Matches("codec_name=mov_text\\|codec_type=subtitle\\|.*tag:language=eng", described);
        Assert.Contains("end=3000|end_time=3.000000|tag:title=Ending", described, StringComparison.Ordinal);
        Assert.Equal(await DescribeAsync(source), described);
        Assert.Equal(await PacketHashesAsync(source), await PacketHashesAsync(output));
    }

    private async Task<string> SourceAsync(string name, string subtitleCodec, string secondLanguage)
    {
        var chapters = Path.Combine(_directory, "chapters.txt");
        var subtitles = Path.Combine(_directory, "subtitles.srt");
        await File.WriteAllTextAsync(chapters, Chapters, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        await File.WriteAllTextAsync(subtitles, Subtitles, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        var path = Path.Combine(_directory, name);
        await ToolRun.FfmpegPipeAsync(
            ["-v", "error", "-f", "lavfi", "-i", "testsrc2=s=320x180:r=25:d=3", "-f", "lavfi", "-i", "sine=f=440:r=48000:d=3",
             "-f", "lavfi", "-i", "sine=f=660:r=48000:d=3", "-i", subtitles, "-f", "ffmetadata", "-i", chapters,
             "-map", "0:v", "-map", "1:a", "-map", "2:a", "-map", "3:s", "-map_metadata", "4", "-map_chapters", "4",
             "-c:v", "libx264", "-preset", "ultrafast", "-c:a:0", "aac", "-ac:a:0", "2", "-c:a:1", "pcm_s24le", "-c:s", subtitleCodec,
             "-metadata:s:a:0", "language=eng", "-metadata:s:a:0", "title=English stereo",
             "-metadata:s:a:1", $"language={secondLanguage}", "-metadata:s:a:1", "title=Deutsch PCM",
             "-metadata:s:s:0", "language=eng", "-metadata:s:s:0", "title=English subtitles",
             "-disposition:a:0", "default", "-disposition:a:1", "0", "-disposition:s:0", "forced", path],
            TimeSpan.FromSeconds(60));
        return path;
    }

    private async Task<string> TranscodeAsync(string source, string name)
    {
        var output = Path.Combine(_directory, name);
        await EmbeddedTranscode.RunAsync(source, output);
        return output;
    }

    /// <summary>Every non-video stream (codec, dispositions, language, title) and every chapter, one line each.</summary>
    private static async Task<string> DescribeAsync(string path)
    {
        var result = await MediaToolRunner.RunAsync(MediaToolRunner.FFprobe,
            ["-v", "error", "-show_entries", "stream=codec_type,codec_name:stream_tags=language,title:stream_disposition=default,forced",
             "-show_chapters", "-of", "compact", path],
            TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.True(result.Succeeded, result.StandardError);
        return string.Join('\n', result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => !line.Contains("codec_type=video", StringComparison.Ordinal)));
    }

    /// <summary>framemd5 of every audio and subtitle packet: stream, dts, pts, duration, size and MD5 of its bytes.</summary>
    private static async Task<string> PacketHashesAsync(string path)
    {
        var lines = Encoding.UTF8.GetString(await ToolRun.FfmpegPipeAsync(
            ["-v", "error", "-i", path, "-map", "0:a", "-map", "0:s", "-c", "copy", "-f", "framemd5", "-"], TimeSpan.FromSeconds(30)));
        var packets = lines.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(line => !line.StartsWith('#')).ToList();
        Assert.True(packets.Count > 100, $"only {packets.Count} packets hashed");
        return string.Join('\n', packets);
    }
}
