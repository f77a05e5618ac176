using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Vtr.Cli.Commands;
using Vtr.Shared.Security;

namespace Vtr.Cli.Benchmarks.Tls;

/// <summary>
/// `vtr bench tls`: what a secured farm's TLS costs on segment traffic, per message size a segment sends (a source packet,
/// an lz4 and an uncompressed 720p NV12 FRAME): throughput and CPU per megabyte, plain against farm TLS in the same run.
/// </summary>
public static class TlsBenchCommand
{
    /// <summary>Message sizes of the three transports at 1280x720 (docs/benchmarks.md, cluster wire table).</summary>
    private static readonly (string Name, int Bytes)[] Messages = [("packets (source H.264)", 12_500), ("raw NV12, lz4", 130_400), ("raw NV12", 1_382_457)];

    private const int Handshakes = 50;

    private static readonly string[] Columns = ["message", "plain MB/s", "TLS MB/s", "plain CPU ms/MB", "TLS CPU ms/MB", "TLS CPU / plain"];

    public static Command Create()
    {
        var megabytes = new Option<int>("--megabytes") { Description = "bytes moved per message size and mode", DefaultValueFactory = _ => 512 };
        var rounds = new Option<int>("--rounds") { Description = "runs per mode, interleaved; each keeps its least CPU", DefaultValueFactory = _ => 3 };
        var command = new Command("tls", "Segment traffic through loopback TCP, plain and in farm TLS: MB/s and CPU per MB; TLS handshake time") { megabytes, rounds };
        command.SetAction(async (parse, ct) =>
        {
            var total = Math.Max(1, parse.GetValue(megabytes)) * 1_000_000L;
            using var farm = FarmCredentials.InMemory(FarmCertificateFactory.Create());
            var table = new Table().Border(TableBorder.Rounded)
                .Title($"vtr bench tls — {total / 1_000_000} MB per run, best of {Math.Max(1, parse.GetValue(rounds))}, {Environment.ProcessorCount} cores")
                .Caption("CPU = this process, sender and receiver both (encrypt + decrypt + copies); the least-CPU run of each mode");
            foreach (var column in Columns)
            {
                table.AddColumn(new TableColumn(column).RightAligned());
            }

            var inv = CultureInfo.InvariantCulture;
            foreach (var (name, bytes) in Messages)
            {
                TlsTransfer? plain = null, tls = null;
                for (var round = 0; round < Math.Max(1, parse.GetValue(rounds)); round++)
                {
                    plain = TlsTransfer.Fastest(plain, await TlsThroughput.TransferAsync(null, bytes, total, ct).ConfigureAwait(false));
                    tls = TlsTransfer.Fastest(tls, await TlsThroughput.TransferAsync(farm, bytes, total, ct).ConfigureAwait(false));
                }

                table.AddRow(
                    $"{Markup.Escape(name)} ({bytes / 1000.0:0.#} kB)",
                    plain!.MegabytesPerSecond.ToString("0", inv),
                    tls!.MegabytesPerSecond.ToString("0", inv),
                    plain.CpuMsPerMegabyte.ToString("0.00", inv),
                    tls.CpuMsPerMegabyte.ToString("0.00", inv),
                    (tls.CpuMsPerMegabyte / plain.CpuMsPerMegabyte).ToString("0.00", inv) + "x");
            }

            var handshake = await TlsThroughput.HandshakeAsync(farm, Handshakes, ct).ConfigureAwait(false);
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLineInterpolated(inv, $"new connection with a farm TLS handshake (once per segment): {handshake.TotalMilliseconds:0.0} ms (mean of {Handshakes})");
            return (int)ExitCode.Success;
        });
        return command;
    }
}
