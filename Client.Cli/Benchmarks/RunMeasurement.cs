namespace Vtr.Cli.Benchmarks;

/// <summary>
/// One timed encode of the clip. <see cref="ProcessCpu"/> is the whole process's CPU time over the run (client,
/// node and encoder threads alike, since they share the process). <see cref="UpstreamBytes"/> is what the client
/// wrote (FRAME messages), <see cref="PacketBytes"/> the encoded payload that came back.
/// </summary>
internal sealed record RunMeasurement(
    string Mode,
    int Frames,
    int Packets,
    long PacketBytes,
    long UpstreamBytes,
    long DownstreamBytes,
    TimeSpan Elapsed,
    TimeSpan ProcessCpu)
{
    public double Fps => Frames / Elapsed.TotalSeconds;

    public double WireBytesPerFrame => (double)(UpstreamBytes + DownstreamBytes) / Frames;

    public double CpuMsPerFrame => ProcessCpu.TotalMilliseconds / Frames;
}
