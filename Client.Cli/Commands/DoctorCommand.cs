using System.CommandLine;
using Vtr.Cli.Diagnostics;
using Vtr.Node.Codecs.FFmpeg;
using Vtr.Node.Codecs.SelfTest;

namespace Vtr.Cli.Commands;

/// <summary>`vtr doctor`: what a person runs first on a new machine and pastes back (docs/running-a-mac-node.md).</summary>
public static class DoctorCommand
{
    /// <summary>Frame rate of the generated round-trip clip; its length is --seconds × this.</summary>
    private const int FramesPerSecond = 30;

    public static Command Create()
    {
        var seconds = new Option<int>("--seconds") { Description = "length of each encode→decode round trip (1280×720 at 30 fps)", DefaultValueFactory = _ => 2 };
        var preset = new Option<string>("--sw-preset") { Description = "x264/x265 preset of the software backend (as `vtr node`)", DefaultValueFactory = _ => "veryfast" };
        var command = new Command("doctor", "Check this machine for running a node: OS, chip, .NET, FFmpeg, VideoToolbox, and an encode→decode round trip per codec; paste the output when asking for help")
        {
            seconds, preset,
        };
        command.SetAction((parse, ct) =>
        {
            var length = parse.GetValue(seconds);
            if (length is < 1 or > 60)
            {
                parse.InvocationConfiguration.Error.WriteLine("vtr doctor: --seconds must be 1..60");
                return Task.FromResult((int)ExitCode.BadArguments);
            }

            var software = new FFmpegBackendOptions(parse.GetValue(preset)!, 0);
            if (!SoftwarePresetLadder.IsKnown(software.SoftwarePreset))
            {
                parse.InvocationConfiguration.Error.WriteLine($"vtr doctor: unknown --sw-preset '{software.SoftwarePreset}'");
                return Task.FromResult((int)ExitCode.BadArguments);
            }

            var clip = new SelfTestOptions(1280, 720, length * FramesPerSecond);
            return Task.Run(() => (int)DoctorRun.Run(parse.InvocationConfiguration.Output, software, clip, ct), ct);
        });
        return command;
    }
}
