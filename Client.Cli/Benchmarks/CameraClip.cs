using System.Buffers;
using Vtr.Shared.Media;

namespace Vtr.Cli.Benchmarks;

/// <summary>
/// The benchmark's input: <see cref="CameraScene"/> pictures rendered once, before any timing, into pooled
/// buffers. A clip of N frames plays a loop of at most <see cref="MaxDistinctPictures"/> distinct pictures
/// (the scene's motion wraps seamlessly), so memory stays bounded (~370 MB at 1080p) for any frame count.
/// Owns the buffers: dispose to return them.
/// </summary>
internal sealed class CameraClip : IDisposable
{
    public const int MaxDistinctPictures = 120;

    private readonly byte[][] _lumaPlanes;
    private readonly byte[][] _chromaPlanes;
    private bool _disposed;

    public CameraClip(int width, int height, int frameCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(frameCount, 1);
        Scene = new CameraScene(width, height, Math.Min(frameCount, MaxDistinctPictures));
        FrameCount = frameCount;
        _lumaPlanes = new byte[Scene.LoopLength][];
        _chromaPlanes = new byte[Scene.LoopLength][];
        Parallel.For(0, Scene.LoopLength, i =>
        {
            _lumaPlanes[i] = ArrayPool<byte>.Shared.Rent(Scene.LumaBytes);
            _chromaPlanes[i] = ArrayPool<byte>.Shared.Rent(Scene.ChromaBytes);
            Scene.Render(i, _lumaPlanes[i], _chromaPlanes[i]);
        });
    }

    public CameraScene Scene { get; }

    public int Width => Scene.Width;

    public int Height => Scene.Height;

    public int FrameCount { get; }

    public int DistinctPictures => Scene.LoopLength;

    /// <summary>Raw NV12 bytes of one frame as it travels uncompressed (stride × height, both planes).</summary>
    public int RawFrameBytes => Scene.LumaBytes + Scene.ChromaBytes;

    public PlaneView Luma(int frame) =>
        new(_lumaPlanes[frame % DistinctPictures].AsMemory(0, Scene.LumaBytes), Scene.Stride, Height);

    public PlaneView Chroma(int frame) =>
        new(_chromaPlanes[frame % DistinctPictures].AsMemory(0, Scene.ChromaBytes), Scene.Stride, Height / 2);

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        for (var i = 0; i < DistinctPictures; i++)
        {
            ArrayPool<byte>.Shared.Return(_lumaPlanes[i]);
            ArrayPool<byte>.Shared.Return(_chromaPlanes[i]);
        }
    }
}
