using Vtr.Cli.Commands;
using Vtr.Node.Codecs;
using Vtr.Node.Codecs.Diagnostics;
using Vtr.Node.Codecs.FFmpeg;
using Vtr.Node.Codecs.SelfTest;
using Vtr.Node.Codecs.VideoToolbox;
using Vtr.Shared.Media;
using Vtr.Shared.Security;

namespace Vtr.Cli.Diagnostics;

/// <summary>
/// `vtr doctor`: every fact and check a person needs to paste back, one finding per line as soon as it is known,
/// then the summary. The node's own choice of backend is reproduced (VideoToolbox on a Mac, else FFmpeg), and
/// every backend this machine has is checked for H.264 8-bit, HEVC 8-bit and HEVC 10-bit.
/// </summary>
public static class DoctorRun
{
    public static ExitCode Run(TextWriter output, FFmpegBackendOptions ffmpegOptions, SelfTestOptions clip, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(output);
        var findings = new List<Finding>();
        void Report(Finding finding)
        {
            findings.Add(finding);
            output.WriteLine(finding.ToString());
            output.Flush();
        }

        foreach (var fact in SystemFacts.Collect())
        {
            Report(fact);
        }

        Report(FarmFinding());

        var ffmpegVersion = FFmpegVersions.Describe(out var ffmpegMissing);
        Report(ffmpegVersion is not null
            ? new Finding(FindingLevel.Ok, CodecBackendFactory.FFmpeg, ffmpegVersion)
            : new Finding(OperatingSystem.IsMacOS() ? FindingLevel.Warn : FindingLevel.Fail, CodecBackendFactory.FFmpeg,
                $"not usable: {ffmpegMissing} (on a Mac only the fallback backend needs it: brew install ffmpeg)"));

        var hardware = VideoToolboxBackend.TryCreate(out var videoToolbox, out var hardwareReason) ? videoToolbox : null;
        Report(hardware is not null
            ? new Finding(FindingLevel.Ok, CodecBackendFactory.VideoToolbox,
                $"encoders answered for {string.Join(", ", hardware.EncodeCodecs.Select(c => c.ToWireName()))}{(hardwareReason.Length > 0 ? "; " + hardwareReason : "")}")
            : new Finding(OperatingSystem.IsMacOS() ? FindingLevel.Fail : FindingLevel.Info, CodecBackendFactory.VideoToolbox, hardwareReason));

        var software = ffmpegVersion is null ? null : new FFmpegBackend(ffmpegOptions);
        var nodeBackend = hardware is not null ? "videotoolbox (hardware)" : software is not null ? "ffmpeg (software: libx264/libx265)" : "nothing";
        Report(new Finding(hardware is null && software is null ? FindingLevel.Fail : FindingLevel.Info, "node backend",
            $"{nodeBackend}, what `vtr node --backend auto` picks here"));

        foreach (var variant in CodecVariant.All)
        {
            ct.ThrowIfCancellationRequested();
            if (OperatingSystem.IsMacOS())
            {
                CheckVideoToolbox(hardware, variant, clip, Report);
            }

            if (software is not null)
            {
                foreach (var finding in BackendCheck.Run(software, variant, clip, ct))
                {
                    Report(finding);
                }
            }
        }

        output.WriteLine(DoctorSummary.Summarize(findings, nodeBackend));
        return findings.Any(f => f.Level == FindingLevel.Fail) ? ExitCode.Failure : ExitCode.Success;
    }

    /// <summary>Whether this machine's farm is secured (fingerprint and path only); unusable credentials fail, since
    /// `vtr node`/`vtr seed` refuse to start with them.</summary>
    public static Finding FarmFinding(string? configFolder = null)
    {
        try
        {
            using var farm = FarmCredentials.TryLoad(configFolder);
            return new Finding(farm is null ? FindingLevel.Info : FindingLevel.Ok, "farm", FarmNotice.Describe(farm));
        }
        catch (FarmCredentialsException ex)
        {
            return new Finding(FindingLevel.Fail, "farm", ex.Message);
        }
    }

    private static void CheckVideoToolbox(ICodecBackend? hardware, CodecVariant variant, SelfTestOptions clip, Action<Finding> report)
    {
        if (!OperatingSystem.IsMacOS())
        {
            return;
        }

        foreach (var finding in VideoToolboxInspector.Inspect(variant, clip))
        {
            report(finding);
        }

        if (hardware is not null)
        {
            foreach (var finding in BackendCheck.Run(hardware, variant, clip))
            {
                report(finding);
            }
        }
    }
}
