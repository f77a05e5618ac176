namespace Vtr.Cli.Benchmarks;

/// <summary>
/// Renders one NV12 picture of a camera-like scene: a textured background (soft sinusoidal shading plus a
/// band of hard-edged 16 px tiles) that pans on a circle like a hand-held camera, a bright disk that crosses
/// the frame on a Lissajous path, static colour bars, and per-picture sensor noise (triangular, ±4 on luma,
/// ±3 on chroma). Like a real sensor, noise never lifts crushed blacks (a shadow in the lower left corner)
/// or blown highlights (the disk): those stay flat. Motion is periodic in <see cref="LoopLength"/> pictures,
/// so a clip can loop seamlessly.
/// </summary>
internal sealed class CameraScene
{
    private const int LumaNoiseSpan = 5;
    private const byte Black = 16;
    private const byte White = 235;
    private const int ChromaNoiseSpan = 4;
    private const int TileSize = 16;

    private readonly byte[] _lumaTexture;
    private readonly byte[] _chromaTexture;
    private readonly int _textureWidth;
    private readonly int _textureHeight;
    private readonly int _panRadius;

    public CameraScene(int width, int height, int loopLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 16);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 16);
        ArgumentOutOfRangeException.ThrowIfLessThan(loopLength, 1);
        Width = width & ~1;
        Height = height & ~1;
        LoopLength = loopLength;
        _panRadius = Math.Max(4, Math.Min(Width, Height) / 16) & ~1;
        _textureWidth = Width + (2 * _panRadius);
        _textureHeight = Height + (2 * _panRadius);
        _lumaTexture = RenderLumaTexture(_textureWidth, _textureHeight);
        _chromaTexture = RenderChromaTexture(_textureWidth, _textureHeight);
    }

    public int Width { get; }

    public int Height { get; }

    public int LoopLength { get; }

    /// <summary>Rows padded to 64 bytes, as FFmpeg allocates linesizes (the padding travels on the wire too).</summary>
    public int Stride => (Width + 63) & ~63;

    public int LumaBytes => Stride * Height;

    public int ChromaBytes => Stride * (Height / 2);

    /// <summary>Renders picture <paramref name="index"/> (0 ≤ index &lt; <see cref="LoopLength"/>); the same index always gives the same bytes.</summary>
    public void Render(int index, Span<byte> luma, Span<byte> chroma)
    {
        var phase = 2 * Math.PI * index / LoopLength;
        var panX = _panRadius + (int)Math.Round(_panRadius * Math.Cos(phase)) & ~1;
        var panY = _panRadius + (int)Math.Round(_panRadius * Math.Sin(phase)) & ~1;
        luma[..LumaBytes].Clear();
        chroma[..ChromaBytes].Clear();
        for (var y = 0; y < Height; y++)
        {
            _lumaTexture.AsSpan(((y + panY) * _textureWidth) + panX, Width).CopyTo(luma.Slice(y * Stride, Width));
        }

        for (var y = 0; y < Height / 2; y++)
        {
            _chromaTexture.AsSpan(((y + (panY / 2)) * _textureWidth) + panX, Width).CopyTo(chroma.Slice(y * Stride, Width));
        }

        DrawBars(luma, chroma);
        DrawDisk(phase, luma, chroma);
        AddNoise((uint)index, luma, chroma);
    }

    private void DrawBars(Span<byte> luma, Span<byte> chroma)
    {
        ReadOnlySpan<byte> barY = [180, 168, 145, 133, 63, 51, 28];
        ReadOnlySpan<byte> barU = [128, 44, 156, 72, 184, 100, 212];
        ReadOnlySpan<byte> barV = [128, 142, 44, 58, 198, 212, 114];
        var top = Height * 3 / 4 & ~1;
        var bottom = Height * 7 / 8 & ~1;
        var barWidth = Math.Max(2, Width / 16) & ~1;
        var left = Width - (barY.Length * barWidth) - barWidth & ~1;
        for (var bar = 0; bar < barY.Length; bar++)
        {
            var x = left + (bar * barWidth);
            for (var y = top; y < bottom; y++)
            {
                luma.Slice((y * Stride) + x, barWidth).Fill(barY[bar]);
            }

            for (var y = top / 2; y < bottom / 2; y++)
            {
                var row = chroma.Slice((y * Stride) + x, barWidth);
                for (var i = 0; i < row.Length; i += 2)
                {
                    row[i] = barU[bar];
                    row[i + 1] = barV[bar];
                }
            }
        }
    }

    private void DrawDisk(double phase, Span<byte> luma, Span<byte> chroma)
    {
        var radius = Math.Max(4, Height / 8);
        var centerX = (int)((Width / 2) + (Width / 3 * Math.Sin(phase)));
        var centerY = (int)((Height / 2) + (Height / 4 * Math.Sin(2 * phase)));
        for (var y = Math.Max(0, centerY - radius); y < Math.Min(Height, centerY + radius); y++)
        {
            var dy = y - centerY;
            var half = (int)Math.Sqrt((radius * radius) - (dy * dy));
            var from = Math.Max(0, centerX - half) & ~1;
            var to = Math.Min(Width, centerX + half) & ~1;
            if (to <= from)
            {
                continue;
            }

            luma.Slice((y * Stride) + from, to - from).Fill(White);
            if ((y & 1) == 0)
            {
                var row = chroma.Slice((y / 2 * Stride) + from, to - from);
                for (var i = 0; i < row.Length; i += 2)
                {
                    row[i] = 96;
                    row[i + 1] = 176;
                }
            }
        }
    }

    private void AddNoise(uint seed, Span<byte> luma, Span<byte> chroma)
    {
        var state = (seed * 2654435761u) | 1u;
        for (var y = 0; y < Height; y++)
        {
            AddLumaNoise(ref state, luma.Slice(y * Stride, Width));
        }

        for (var y = 0; y < Height / 2; y++)
        {
            AddChromaNoise(ref state, chroma.Slice(y * Stride, Width));
        }
    }

    /// <summary>Triangular noise in (-span, span), the difference of two uniform draws; clipped black and white stay put.</summary>
    private static void AddLumaNoise(ref uint state, Span<byte> row)
    {
        for (var x = 0; x < row.Length; x++)
        {
            var noise = NextNoise(ref state, LumaNoiseSpan);
            if (row[x] is > Black and < White)
            {
                row[x] = (byte)Math.Clamp(row[x] + noise, Black, White);
            }
        }
    }

    private static void AddChromaNoise(ref uint state, Span<byte> row)
    {
        for (var x = 0; x < row.Length; x++)
        {
            row[x] = (byte)Math.Clamp(row[x] + NextNoise(ref state, ChromaNoiseSpan), Black, 240);
        }
    }

    private static int NextNoise(ref uint state, int span)
    {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        return (int)(state % (uint)span) - (int)((state >> 16) % (uint)span);
    }

    private static byte[] RenderLumaTexture(int width, int height)
    {
        var texture = new byte[width * height];
        var tileRng = 0x9E3779B9u;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                double shade = 120 + (55 * Math.Sin(x * 0.0041) * Math.Cos(y * 0.0057)) + (20 * Math.Sin((x + (2 * y)) * 0.019));
                if (x < width / 3 && y > height * 2 / 3)
                {
                    shade -= 100; // the shadow: mostly crushed to black
                }

                texture[(y * width) + x] = (byte)Math.Clamp(shade, Black, White);
            }
        }

        // A band of hard-edged tiles (a brick wall, text, foliage...): detail the encoder must spend bits on.
        for (var ty = height / 8 / TileSize; ty < height * 3 / 8 / TileSize; ty++)
        {
            for (var tx = 0; tx < width / TileSize; tx++)
            {
                tileRng = (tileRng * 1664525u) + 1013904223u;
                var level = (byte)(40 + ((tileRng >> 24) % 170));
                for (var y = ty * TileSize; y < (ty + 1) * TileSize; y++)
                {
                    texture.AsSpan((y * width) + (tx * TileSize), TileSize).Fill(level);
                }
            }
        }

        return texture;
    }

    private static byte[] RenderChromaTexture(int width, int height)
    {
        var texture = new byte[width * height / 2];
        for (var y = 0; y < height / 2; y++)
        {
            for (var x = 0; x < width; x += 2)
            {
                texture[(y * width) + x] = (byte)(128 + (30 * Math.Sin(x * 0.0023) * Math.Cos(y * 0.011)));
                texture[(y * width) + x + 1] = (byte)(128 + (30 * Math.Cos(x * 0.0031) * Math.Sin(y * 0.007)));
            }
        }

        return texture;
    }
}
