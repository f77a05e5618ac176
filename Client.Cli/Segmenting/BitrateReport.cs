using System.Globalization;

namespace Vtr.Cli.Segmenting;

/// <summary>What a --bitrate job's file came to: its video bitrate (the segments' packets over the source's duration)
/// against the target, so the ±3 % promise is visible in every run, and what the correction pass did when it ran.</summary>
public sealed record BitrateReport(long TargetBitsPerSecond, double BitsPerSecond)
{
    /// <summary>The second pass on outliers (<see cref="BitrateCorrectionPass"/>); null when the file needed none.</summary>
    public BitrateCorrectionReport? Correction { get; init; }

    /// <summary>How far the file lands from the target, in percent.</summary>
    public double OffPercent => Off(BitsPerSecond);

    public override string ToString()
    {
        var inv = CultureInfo.InvariantCulture;
        var text = string.Create(inv, $"bitrate: {BitsPerSecond / 1000:0} kb/s of video for {TargetBitsPerSecond / 1000:0} kb/s asked ({Signed(OffPercent)} %)") + Environment.NewLine;
        if (Correction is not { } pass)
        {
            return text;
        }

        var before = Off(pass.BitsPerSecondBefore);
        return text + (pass.Kept > 0
            ? string.Create(inv, $"bitrate: {Segments(pass.Kept)} re-encoded to land on the target ({Signed(before)} % → {Signed(OffPercent)} %, {pass.Encodes} encodes in {pass.Elapsed.TotalSeconds:0.0} s)")
            : string.Create(inv, $"bitrate: {Segments(pass.Encodes)} re-encoded to land on the target, none landed nearer ({Signed(before)} % kept)")) + Environment.NewLine;
    }

    private static string Segments(int count) => count == 1 ? "1 segment" : string.Create(CultureInfo.InvariantCulture, $"{count} segments");

    /// <summary>One decimal with its sign; what rounds to zero prints as 0.0 (a custom format printed -0.04 as "-+0.0").</summary>
    private static string Signed(double percent) =>
        Math.Round(percent, 1) is var rounded && rounded == 0 ? "0.0" : rounded.ToString("+0.0;-0.0", CultureInfo.InvariantCulture);

    private double Off(double bitsPerSecond) => ((bitsPerSecond / TargetBitsPerSecond) - 1) * 100;
}
