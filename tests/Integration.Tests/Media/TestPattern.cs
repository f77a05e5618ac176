using Vtr.Node.Codecs.SelfTest;
using Vtr.Shared.Media;

namespace Vtr.Integration.Tests.Media;

/// <summary>The node self-test's moving picture as ready-made NV12 planes, and its PSNR measure, for wire-level tests.</summary>
public static class TestPattern
{
    public static (PlaneView Luma, PlaneView Chroma) Nv12(int width, int height, int index)
    {
        var pattern = new Vtr.Node.Codecs.SelfTest.TestPattern(width, height);
        var luma = new byte[pattern.LumaStride * height];
        var chroma = new byte[pattern.LumaStride * (height / 2)];
        pattern.Render(index, luma, chroma);
        return (new PlaneView(luma, pattern.LumaStride, height), new PlaneView(chroma, pattern.LumaStride, height / 2));
    }

    public static double Psnr(ReadOnlySpan<byte> reference, int referenceStride, ReadOnlySpan<byte> test, int testStride, int width, int height) =>
        PsnrAccumulator.Measure(reference, referenceStride, test, testStride, width, height);
}
