using Vtr.Node.Codecs;

namespace Vtr.Cli.Benchmarks;

/// <summary>The baseline: the clip straight into an <see cref="IVideoEncoder"/> of the backend, no transport at all.</summary>
internal static class LocalEncodeRun
{
    public const string Mode = "local";

    public static RunMeasurement Run(ICodecBackend backend, BenchEncodeSettings settings, CameraClip clip, int frames)
    {
        using var encoder = backend.CreateEncoder(settings.Encoder);
        var packets = 0;
        long packetBytes = 0;
        var clock = RunClock.Start();
        for (var i = 0; i < frames; i++)
        {
            var frame = new RawVideoFrame(i, 1, false, clip.Luma(i), clip.Chroma(i));
            while (encoder.Submit(frame) == SubmitResult.NeedsDrain)
            {
                Drain(encoder, ref packets, ref packetBytes);
            }

            Drain(encoder, ref packets, ref packetBytes);
        }

        encoder.Flush();
        Drain(encoder, ref packets, ref packetBytes);
        return new RunMeasurement(Mode, frames, packets, packetBytes, 0, 0, clock.Elapsed, clock.ProcessCpu);
    }

    /// <summary>Takes every ready packet (after Flush: all of them, up to end of stream) and releases it.</summary>
    private static void Drain(IVideoEncoder encoder, ref int packets, ref long packetBytes)
    {
        while (encoder.Receive(out var packet) == ReceiveResult.Output)
        {
            if (packet is null)
            {
                continue;
            }

            packets++;
            packetBytes += packet.Length;
            packet.Dispose();
        }
    }
}
