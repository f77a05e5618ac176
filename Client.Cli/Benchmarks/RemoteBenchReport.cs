using Vtr.Shared.Media;

namespace Vtr.Cli.Benchmarks;

/// <summary>One row of the `vtr bench remote` table; the remote-only columns are null on the local row.</summary>
internal sealed record RemoteBenchRow(
    string Mode,
    double Fps,
    double RatioToLocal,
    double? MedianRoundRatio,
    int Packets,
    double? WireBytesPerFrame,
    double? TransportCpuMsPerFrame,
    double? CompressionRatio,
    double? CodecMsPerFrame,
    double? PaysOffBelowBitsPerSecond);

/// <summary>The results of one `vtr bench remote` run: the local baseline, one remote run per compression, and the derived rows.</summary>
internal sealed record RemoteBenchReport(
    RemoteBenchOptions Options,
    int Width,
    int Height,
    int DistinctPictures,
    int RawFrameBytes,
    RunMeasurement Local,
    IReadOnlyList<RunMeasurement> Remote,
    IReadOnlyList<CompressionProfile> Profiles)
{
    public int ProcessorCount { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Per remote mode, the median over rounds of (that round's remote fps / that round's local fps): pairs runs made
    /// seconds apart, so slow drifts of a shared machine cancel out. Empty when not measured.
    /// </summary>
    public IReadOnlyList<double> MedianRoundRatios { get; init; } = [];

    public IReadOnlyList<RemoteBenchRow> Rows()
    {
        var rows = new List<RemoteBenchRow>(Remote.Count + 1)
        {
            new(Local.Mode, Local.Fps, 1.0, null, Local.Packets, null, null, null, null, null),
        };
        var raw = Profile(WireCompression.None);
        for (var i = 0; i < Remote.Count; i++)
        {
            var run = Remote[i];
            var compression = Options.Compressions[i];
            var profile = Profile(compression);
            var compressed = compression != WireCompression.None;
            rows.Add(new RemoteBenchRow(
                run.Mode,
                run.Fps,
                run.Fps / Local.Fps,
                i < MedianRoundRatios.Count ? MedianRoundRatios[i] : null,
                run.Packets,
                run.WireBytesPerFrame,
                run.CpuMsPerFrame - Local.CpuMsPerFrame,
                compressed ? profile.Ratio : null,
                compressed ? profile.CodecMsPerFrame : null,
                compressed ? profile.PaysOffBelowBitsPerSecond(raw, run.Frames) : null));
        }

        return rows;
    }

    public CompressionProfile Profile(WireCompression compression)
    {
        foreach (var profile in Profiles)
        {
            if (profile.Compression == compression)
            {
                return profile;
            }
        }

        throw new InvalidOperationException($"no {CompressionNames.Format(compression)} profile was measured");
    }
}
