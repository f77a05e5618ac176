using System.Diagnostics;
using Vtr.Node.Codecs;
using Vtr.Shared.Media;
using Xunit.Abstractions;

namespace Vtr.Node.MacEncoder.Tests.Codecs.FFmpeg;

/// <summary>Counts process-wide descriptors and memory, so it must not share the process with tests running in parallel.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessResourceCollection
{
    public const string Name = "process resources";
}

[Trait("Category", "Native")]
[Collection(ProcessResourceCollection.Name)]
public sealed class FFmpegEncoderLeakTests(ITestOutputHelper output)
{
    private const int Cycles = 200;

    [NativeFact("libx264", CountsDescriptors = true)]
    public void Open_and_dispose_200_encoders_does_not_leak_handles_or_memory()
    {
        Cycle(20); // warm up pools, threads and lazy native state
        var fds = OpenFds();
        var rss = Process.GetCurrentProcess().WorkingSet64;
        Cycle(Cycles);
        GC.Collect();
        var fdsAfter = OpenFds();
        var rssAfter = Process.GetCurrentProcess().WorkingSet64;
        output.WriteLine($"fds {fds} -> {fdsAfter}, rss {rss >> 20} MiB -> {rssAfter >> 20} MiB");
        // A leak of even one descriptor per encoder would add 200; the slack covers the runtime's own descriptors.
        Assert.InRange(fdsAfter, 0, fds + (Cycles / 10));
        Assert.InRange(rssAfter - rss, long.MinValue, 64L << 20);
    }

    private static int OpenFds() => Directory.GetFiles("/proc/self/fd").Length;

    private static void Cycle(int count)
    {
        for (var i = 0; i < count; i++)
        {
            using var encoder = TestVideo.Encoder(TestVideo.Settings(VideoCodec.H264, WirePixelFormat.Nv12, 0));
            encoder.Submit(TestVideo.Frame(WirePixelFormat.Nv12, 320, 240, i));
            encoder.Flush();
            while (encoder.Receive(out var p) == ReceiveResult.Output)
            {
                p!.Dispose();
            }
        }
    }
}
