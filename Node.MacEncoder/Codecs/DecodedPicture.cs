using System.Buffers;
using Vtr.Shared.Media;

namespace Vtr.Node.Codecs;

/// <summary>
/// A decoded NV12/P010 picture in pooled memory: luma (stride × height) followed by chroma (stride × height/2)
/// in one buffer. The last owner disposes it.
/// </summary>
public sealed class DecodedPicture : IDisposable
{
    private IMemoryOwner<byte>? _owner;

    public DecodedPicture(IMemoryOwner<byte> owner, WirePixelFormat format, int width, int height,
        int lumaStride, int lumaHeight, int chromaStride, int chromaHeight, long pts, long duration)
    {
        _owner = owner;
        Format = format;
        Width = width;
        Height = height;
        LumaStride = lumaStride;
        LumaHeight = lumaHeight;
        ChromaStride = chromaStride;
        ChromaHeight = chromaHeight;
        Pts = pts;
        Duration = duration;
    }

    public WirePixelFormat Format { get; }

    public int Width { get; }

    public int Height { get; }

    public int LumaStride { get; }

    public int LumaHeight { get; }

    public int ChromaStride { get; }

    public int ChromaHeight { get; }

    public long Pts { get; }

    public long Duration { get; }

    private Memory<byte> Memory => (_owner ?? throw new ObjectDisposedException(nameof(DecodedPicture))).Memory;

    public PlaneView Luma => new(Memory[..(LumaStride * LumaHeight)], LumaStride, LumaHeight);

    public PlaneView Chroma =>
        new(Memory.Slice(LumaStride * LumaHeight, ChromaStride * ChromaHeight), ChromaStride, ChromaHeight);

    public void Dispose()
    {
        _owner?.Dispose();
        _owner = null;
    }
}
