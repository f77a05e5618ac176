using System.CommandLine;
using Vtr.Cli.FileSafety;
using Vtr.Shared.Versioning;

namespace Vtr.Cli.Commands;

/// <summary>The one `vtr` command line: seed, node, transcode, status, bench, doctor, service.</summary>
public static class VtrRootCommand
{
    /// <param name="scratch">Where commands register temp files for a forced exit to delete; null = a private list.</param>
    /// <param name="interrupts">The process's signal handler, for the daemons' graceful leave; null in tests.</param>
    public static RootCommand Create(ScratchPaths? scratch = null, InterruptHandler? interrupts = null)
    {
        var root = new RootCommand("vtr: a cluster of remote video encoders speaking VTR1 (FFmpeg's *_videotoolbox_remote)");
        root.Subcommands.Add(NodeCommand.Create(interrupts));
        root.Subcommands.Add(SeedCommand.Create(interrupts));
        root.Subcommands.Add(TranscodeCommand.Create(scratch: scratch));
        root.Subcommands.Add(StatusCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(DoctorCommand.Create());
        root.Subcommands.Add(ServiceCommand.Create());
        root.Subcommands.Add(FarmCommand.Create());
        HelpDefaults.Apply(root);
        VersionAction.Install(root, VtrVersion.Current);
        return root;
    }
}
