using Vtr.Shared.Media;

namespace Vtr.Node.Codecs.SelfTest;

/// <summary>Average luma PSNR over frames (8-bit, peak 255). Identical frames count as <see cref="Psnr.IdenticalDb"/>.</summary>
public sealed class PsnrAccumulator
{
    private double _sumDb;
    private int _frames;

    public int Frames => _frames;

    public double Average => _frames == 0 ? 0 : _sumDb / _frames;

    public double Add(ReadOnlySpan<byte> reference, int referenceStride, ReadOnlySpan<byte> actual, int actualStride, int width, int height)
    {
        var db = Measure(reference, referenceStride, actual, actualStride, width, height);
        _sumDb += db;
        _frames++;
        return db;
    }

    public static double Measure(ReadOnlySpan<byte> reference, int referenceStride, ReadOnlySpan<byte> actual, int actualStride, int width, int height)
    {
        long squaredError = 0;
        for (var y = 0; y < height; y++)
        {
            var a = reference.Slice(y * referenceStride, width);
            var b = actual.Slice(y * actualStride, width);
            for (var x = 0; x < width; x++)
            {
                var d = a[x] - b[x];
                squaredError += d * d;
            }
        }

        return Psnr.FromMeanSquaredError((double)squaredError / ((long)width * height));
    }
}
