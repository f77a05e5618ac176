using Vtr.Shared.Media;

namespace Vtr.Integration.Tests.Media;

/// <summary>A moving NV12/P010 test picture, so encoders see real motion and PSNR means something.</summary>
public static class TestPattern
{
    public static (PlaneView Luma, PlaneView Chroma) Nv12(int width, int height, int index, int padding = 0)
    {
        var stride = width + padding;
        var luma = new byte[stride * height];
        var chroma = new byte[stride * (height / 2)];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                luma[(y * stride) + x] = (byte)(((x + (index * 3)) ^ (y + index)) & 0xFF);
            }
        }

        for (var y = 0; y < height / 2; y++)
        {
            for (var x = 0; x < width; x += 2)
            {
                chroma[(y * stride) + x] = (byte)(128 + ((x + index) % 64) - 32);
                chroma[(y * stride) + x + 1] = (byte)(128 + ((y - index) % 64));
            }
        }

        return (new PlaneView(luma, stride, height), new PlaneView(chroma, stride, height / 2));
    }

    /// <summary>Peak signal-to-noise ratio of two 8-bit planes of the same visible size.</summary>
    public static double Psnr(ReadOnlySpan<byte> reference, int referenceStride, ReadOnlySpan<byte> test, int testStride, int width, int height)
    {
        double squaredError = 0;
        for (var y = 0; y < height; y++)
        {
            var a = reference.Slice(y * referenceStride, width);
            var b = test.Slice(y * testStride, width);
            for (var x = 0; x < width; x++)
            {
                var d = a[x] - b[x];
                squaredError += d * d;
            }
        }

        var mse = squaredError / (width * (double)height);
        return mse == 0 ? 100 : 10 * Math.Log10(255 * 255 / mse);
    }
}
