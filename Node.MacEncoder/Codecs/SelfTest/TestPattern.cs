namespace Vtr.Node.Codecs.SelfTest;

/// <summary>
/// A deterministic moving NV12 picture: a diagonal luma gradient scrolling 4 px per frame, a bright square
/// bouncing across it, and slowly cycling chroma. Frame <c>n</c> is always the same, so decoded output can be
/// compared with a fresh rendering.
/// </summary>
public sealed class TestPattern
{
    public TestPattern(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 16);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 16);
        Width = width;
        Height = height;
        LumaStride = (width + 63) & ~63; // padded like FFmpeg linesizes, so stride ≠ width is exercised
    }

    public int Width { get; }

    public int Height { get; }

    public int LumaStride { get; }

    public void Render(int frame, Span<byte> luma, Span<byte> chroma)
    {
        var box = Math.Min(Width, Height) / 4;
        var travel = Math.Max(1, Width - box);
        var boxX = Math.Abs(((frame * 8) % (2 * travel)) - travel);
        var boxY = (Height - box) / 2;
        for (var y = 0; y < Height; y++)
        {
            var row = luma.Slice(y * LumaStride, Width);
            for (var x = 0; x < Width; x++)
            {
                var inBox = x >= boxX && x < boxX + box && y >= boxY && y < boxY + box;
                row[x] = inBox ? (byte)235 : (byte)(16 + (((x + y + (frame * 4)) / 2) % 200));
            }
        }

        for (var y = 0; y < Height / 2; y++)
        {
            var row = chroma.Slice(y * LumaStride, Width & ~1);
            for (var x = 0; x < row.Length; x += 2)
            {
                row[x] = (byte)(128 + (((x + frame) % 64) - 32));
                row[x + 1] = (byte)(128 + (((y + frame) % 64) - 32));
            }
        }
    }
}
