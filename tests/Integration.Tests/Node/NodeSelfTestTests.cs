using Spectre.Console.Testing;
using Vtr.Cli.Commands;
using Vtr.Node.Codecs.FFmpeg;
using Vtr.Node.Codecs.SelfTest;

namespace Vtr.Integration.Tests.Node;

public sealed class NodeSelfTestTests
{
    [BackendFact]
    public void Self_test_encodes_and_decodes_every_codec_of_the_software_backend_and_names_what_is_missing()
    {
        var console = new TestConsole { EmitAnsiSequences = false };
        console.Profile.Width = 200;

        var exit = NodeSelfTest.Run(console, new FFmpegBackendOptions("ultrafast"), new SelfTestOptions(160, 96, 30), CancellationToken.None);

        Assert.Equal(ExitCode.Success, exit);
        var output = console.Output;
        Assert.Contains("H264", output, StringComparison.Ordinal);
        Assert.Contains("Hevc", output, StringComparison.Ordinal);
        if (!OperatingSystem.IsMacOS())
        {
            Assert.Contains("needs macOS", output, StringComparison.Ordinal);
        }
    }
}
