namespace Vtr.Node.Codecs.SelfTest;

/// <summary>Average luma PSNR over frames (8-bit, peak 255). Identical frames count as 100 dB.</summary>
public sealed class PsnrAccumulator
{
    private const double IdenticalDb = 100.0;
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

        if (squaredError == 0)
        {
            return IdenticalDb;
        }

        var mse = (double)squaredError / ((long)width * height);
        return Math.Min(IdenticalDb, 10.0 * Math.Log10(255.0 * 255.0 / mse));
    }
}
