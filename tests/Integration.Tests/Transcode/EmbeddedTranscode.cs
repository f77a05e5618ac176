using System.Collections.Immutable;
using Spectre.Console;
using Vtr.Cli.Segmenting;
using Vtr.Shared.Media;

namespace Vtr.Integration.Tests.Transcode;

/// <summary>One verified transcode through the embedded cluster with vtr's defaults (codec and depth from the source, crf 30).</summary>
internal static class EmbeddedTranscode
{
    public static async Task RunAsync(string source, string output)
    {
        var settings = new SegmentEncodeSettings(VideoCodec.H264, null, null, "", WireCompression.Lz4, TransportChoice.Auto) { Crf = 30, CodecFromSource = true };
        var request = new TranscodeRequest(source, output, ImmutableArray<string>.Empty, settings, 1, 1) { EmbeddedSessionsPerNode = 1, Resume = false };
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(new StringWriter()), Ansi = AnsiSupport.No, Interactive = InteractionSupport.No });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var outcome = await new TranscodeService(console, liveProgress: false).RunAsync(request, timeout.Token);
        Assert.True(outcome.Report.Passed, outcome.Report.ToString());
    }
}
