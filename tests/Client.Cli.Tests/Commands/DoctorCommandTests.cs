using System.CommandLine;
using System.Text.RegularExpressions;
using Vtr.Cli.Commands;
using Vtr.Cli.Diagnostics;
using Vtr.Client.Cli.Tests.Benchmarks;
using Vtr.Node.Codecs.Diagnostics;

namespace Vtr.Client.Cli.Tests.Commands;

public sealed partial class DoctorCommandTests
{
    [BackendFact]
    public async Task Doctor_reports_the_software_backend_per_codec_one_finding_a_line_and_ends_with_an_actionable_summary()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var code = await VtrCommandLine.InvokeAsync(VtrRootCommand.Create(), ["doctor", "--seconds", "1", "--sw-preset", "ultrafast"],
            new InvocationConfiguration { Output = output, Error = error }, CancellationToken.None);

        var lines = output.ToString().TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.True(code == (int)ExitCode.Success, output.ToString() + error);
        Assert.Empty(error.ToString());
        Assert.All(lines[..^1], line => Assert.Matches(FindingLine(), line));
        Assert.Contains(lines, l => l.StartsWith("info os: ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("info chip: ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("info .NET: .NET 10", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("ok   ffmpeg: libavcodec ", StringComparison.Ordinal));
        foreach (var variant in new[] { "H.264 8-bit", "HEVC 8-bit", "HEVC 10-bit" })
        {
            Assert.Contains($"ok   ffmpeg {variant} encoder: opens (software, 1280x720)", output.ToString(), StringComparison.Ordinal);
            Assert.Contains(lines, l => l.StartsWith($"ok   ffmpeg {variant} decoder: opens on the encoder's", StringComparison.Ordinal));
            var roundTrip = Assert.Single(lines, l => l.StartsWith($"ok   ffmpeg {variant} round trip: ", StringComparison.Ordinal));
            Assert.Contains("30 frames 1280x720 in, 30 packets, 30 decoded", roundTrip, StringComparison.Ordinal);
            Assert.True(double.Parse(Psnr().Match(roundTrip).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) > BackendCheck.LowPsnrDb, roundTrip);
        }

        if (!OperatingSystem.IsMacOS())
        {
            Assert.Contains("info videotoolbox: VideoToolbox needs macOS; running on Linux", lines);
            Assert.Contains("info node backend: ffmpeg (software: libx264/libx265), what `vtr node --backend auto` picks here", lines);
        }

        Assert.StartsWith("summary: ready: `vtr node` will encode with ", lines[^1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("doctor --seconds 0", "vtr doctor: --seconds must be 1..60")]
    [InlineData("doctor --sw-preset warp", "vtr doctor: unknown --sw-preset 'warp'")]
    public async Task Doctor_refuses_bad_values_in_one_line_with_exit_code_2(string commandLine, string expected)
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var code = await VtrCommandLine.InvokeAsync(VtrRootCommand.Create(), commandLine.Split(' '),
            new InvocationConfiguration { Output = output, Error = error }, CancellationToken.None);

        Assert.Equal((int)ExitCode.BadArguments, code);
        Assert.Equal(expected, error.ToString().Trim());
        Assert.Empty(output.ToString());
    }

    [Fact]
    public void A_failed_check_makes_the_summary_say_not_ready_name_it_and_say_what_to_send()
    {
        Finding[] findings =
        [
            new(FindingLevel.Ok, "videotoolbox H.264 8-bit encoder", "opens"),
            new(FindingLevel.Fail, "videotoolbox HEVC 10-bit encoder", "does not open: kVTCouldNotFindVideoEncoderErr (-12908)"),
            new(FindingLevel.Warn, "ffmpeg", "not usable"),
        ];

        var summary = DoctorSummary.Summarize(findings, "videotoolbox (hardware)");

        Assert.Equal("summary: NOT READY, 1 check failed (videotoolbox HEVC 10-bit encoder): send this whole output to whoever runs "
            + "your vtr farm (docs/running-a-mac-node.md, \"When something fails\")", summary);
    }

    [Fact]
    public void Warnings_alone_leave_the_machine_ready_and_are_counted()
    {
        var summary = DoctorSummary.Summarize([new(FindingLevel.Warn, "ffmpeg", "not usable"), new(FindingLevel.Ok, "x", "y")], "videotoolbox (hardware)");

        Assert.Equal("summary: ready (1 warning above, marked warn): `vtr node` will encode with videotoolbox (hardware); "
            + "start it with `vtr node --seed SEEDHOST:4053`", summary);
    }

    [Fact]
    public void Without_farm_credentials_doctor_says_the_farm_is_open_and_how_to_secure_it()
    {
        var folder = Directory.CreateTempSubdirectory("vtr-doctor-farm-").FullName;
        try
        {
            Assert.Equal("info farm: open (anyone on the network can join; `vtr farm init`)", DoctorRun.FarmFinding(folder).ToString());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // Unix file modes
    public void Farm_credentials_others_can_read_fail_the_doctor_as_they_stop_the_daemons()
    {
        var folder = Directory.CreateTempSubdirectory("vtr-doctor-farm-").FullName;
        try
        {
            var file = Path.Combine(folder, "farm.p12");
            File.WriteAllBytes(file, [1, 2, 3]);
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

            var finding = DoctorRun.FarmFinding(folder);

            Assert.Equal(FindingLevel.Fail, finding.Level);
            Assert.Contains("readable by other users", finding.Detail, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [GeneratedRegex(@"^(ok  |info|warn|FAIL) [^:]+: .+$")]
    private static partial Regex FindingLine();

    [GeneratedRegex(@"PSNR ([0-9.]+) dB")]
    private static partial Regex Psnr();
}
