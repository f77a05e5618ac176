using System.Globalization;

namespace Vtr.Cli.Segmenting;

/// <summary>What a --bitrate job's file came to: its video bitrate (the segments' packets over the source's duration)
/// against the target, so the ±3 % promise is visible in every run.</summary>
public sealed record BitrateReport(long TargetBitsPerSecond, double BitsPerSecond)
{
    public override string ToString()
    {
        var off = ((BitsPerSecond / TargetBitsPerSecond) - 1) * 100;
        return string.Create(CultureInfo.InvariantCulture,
            $"bitrate: {BitsPerSecond / 1000:0} kb/s of video for {TargetBitsPerSecond / 1000:0} kb/s asked ({off:+0.0;-0.0} %)") + Environment.NewLine;
    }
}
