using System.Buffers;
using Vtr.Shared.Compression;
using Vtr.Shared.Media;

namespace Vtr.Cli.Benchmarks;

/// <summary>
/// Measures a plane compressor directly on the clip's pictures, outside any session: the FRAME size each picture
/// travels as (from the real FRAME writer), the compression ratio of the planes, and the CPU time to compress and
/// to decompress both planes (process CPU while only this thread works).
/// </summary>
internal static class CompressionProbe
{
    public static CompressionProfile Measure(CameraClip clip, WireCompression compression)
    {
        var compressor = PlaneCompressors.For(compression);
        var pictures = clip.DistinctPictures;
        var sizes = new WireSizes();
        var frameBytes = new int[pictures];
        for (var i = 0; i < pictures; i++)
        {
            frameBytes[i] = sizes.FrameBytes(clip.Luma(i), clip.Chroma(i), compression);
        }

        var bound = compressor.MaxCompressedLength(clip.Scene.LumaBytes) + compressor.MaxCompressedLength(clip.Scene.ChromaBytes);
        var packed = new byte[pictures][];
        var lumaLengths = new int[pictures];
        var chromaLengths = new int[pictures];
        var restored = ArrayPool<byte>.Shared.Rent(clip.Scene.LumaBytes);
        try
        {
            for (var i = 0; i < pictures; i++)
            {
                packed[i] = ArrayPool<byte>.Shared.Rent(bound);
            }

            // Warm-up (JIT, this thread's zstd context), then one timed pass per direction.
            compressor.Compress(clip.Luma(0).Data.Span, packed[0]);

            long packedBytes = 0;
            var compressClock = RunClock.Start();
            for (var i = 0; i < pictures; i++)
            {
                lumaLengths[i] = compressor.Compress(clip.Luma(i).Data.Span, packed[i]);
                chromaLengths[i] = compressor.Compress(clip.Chroma(i).Data.Span, packed[i].AsSpan(lumaLengths[i]));
                packedBytes += lumaLengths[i] + chromaLengths[i];
            }

            var compressCpu = compressClock.ProcessCpu;
            var decompressClock = RunClock.Start();
            for (var i = 0; i < pictures; i++)
            {
                compressor.Decompress(packed[i].AsSpan(0, lumaLengths[i]), restored.AsSpan(0, clip.Scene.LumaBytes));
                compressor.Decompress(packed[i].AsSpan(lumaLengths[i], chromaLengths[i]), restored.AsSpan(0, clip.Scene.ChromaBytes));
            }

            var decompressCpu = decompressClock.ProcessCpu;
            return new CompressionProfile(
                compression,
                frameBytes,
                (double)clip.RawFrameBytes * pictures / packedBytes,
                compressCpu.TotalMilliseconds / pictures,
                decompressCpu.TotalMilliseconds / pictures);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(restored);
            foreach (var buffer in packed)
            {
                if (buffer is not null)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }
        }
    }
}
