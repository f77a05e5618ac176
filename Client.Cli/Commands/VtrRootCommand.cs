using System.CommandLine;

namespace Vtr.Cli.Commands;

/// <summary>The one `vtr` command line: seed, node, transcode, status, bench.</summary>
public static class VtrRootCommand
{
    public static RootCommand Create()
    {
        var root = new RootCommand("vtr: a cluster of remote video encoders speaking VTR1 (FFmpeg's *_videotoolbox_remote)");
        root.Subcommands.Add(NodeCommand.Create());
        root.Subcommands.Add(SeedCommand.Create());
        root.Subcommands.Add(TranscodeCommand.Create());
        root.Subcommands.Add(StatusCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        return root;
    }
}
