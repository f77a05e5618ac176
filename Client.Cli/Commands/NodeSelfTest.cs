using Spectre.Console;
using Vtr.Node.Codecs;
using Vtr.Node.Codecs.FFmpeg;
using Vtr.Node.Codecs.SelfTest;
using Vtr.Node.Codecs.VideoToolbox;
using static System.FormattableString;

namespace Vtr.Cli.Commands;

/// <summary>`vtr node --self-test`: encode and decode a generated clip with every backend this machine has.</summary>
public static class NodeSelfTest
{
    public static ExitCode Run(IAnsiConsole console, FFmpegBackendOptions ffmpegOptions, SelfTestOptions clip, CancellationToken ct)
    {
        var table = new Table().AddColumns("backend", "codec", "frames", "packets", "bytes", "encode fps", "decode fps", "PSNR (dB)", "result");
        var allPassed = true;
        foreach (var (name, backend, unavailable) in Backends(ffmpegOptions))
        {
            if (backend is null)
            {
                table.AddRow(name, "-", "-", "-", "-", "-", "-", "-", Markup.Escape("unavailable: " + unavailable));
                continue;
            }

            foreach (var result in CodecSelfTest.Run(backend, clip, ct))
            {
                allPassed &= result.Succeeded;
                table.AddRow(name + (backend.IsHardware ? " (hardware)" : " (software)"), result.Codec.ToString(),
                    Invariant($"{result.FramesIn}"), Invariant($"{result.PacketsOut}"), Invariant($"{result.EncodedBytes}"),
                    Invariant($"{result.EncodeFps:0.0}"), Invariant($"{result.DecodeFps:0.0}"), Invariant($"{result.LumaPsnr:0.0}"),
                    result.Succeeded ? "ok" : Markup.Escape(result.Error ?? "frame count mismatch"));
            }
        }

        console.Write(table);
        return allPassed ? ExitCode.Success : ExitCode.Failure;
    }

    private static IEnumerable<(string Name, ICodecBackend? Backend, string? Unavailable)> Backends(FFmpegBackendOptions ffmpegOptions)
    {
        yield return VideoToolboxBackend.TryCreate(out var hardware, out var reason)
            ? (CodecBackendFactory.VideoToolbox, hardware, null)
            : (CodecBackendFactory.VideoToolbox, null, reason);
        var software = new FFmpegBackend(ffmpegOptions);
        yield return (CodecBackendFactory.FFmpeg, software.UnavailableReason is null ? software : null, software.UnavailableReason);
    }
}
