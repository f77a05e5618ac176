using System.Diagnostics;
using Vtr.Node.Codecs;
using Vtr.Node.Codecs.VideoToolbox;
using Vtr.Node.MacEncoder.Tests.Codecs.FFmpeg;

namespace Vtr.Node.MacEncoder.Tests.Codecs;

public sealed class SourceDecoderRoutesTests
{
    [Fact]
    public void A_mac_with_ffmpeg_announces_both_and_prefers_videotoolbox()
    {
        var routes = SourceDecoderRoutes.Build(["prores", "h264", "hevc"], ["h264", "hevc", "prores", "dnxhd", "mpeg2video"]);

        Assert.Equal(["h264", "hevc", "prores", "dnxhd", "mpeg2video"], routes.Announced);
        Assert.Equal(SourceDecoderLibrary.VideoToolbox, routes.RouteOf("prores"));
        Assert.Equal(SourceDecoderLibrary.VideoToolbox, routes.RouteOf("hevc"));
        Assert.Equal(SourceDecoderLibrary.Libavcodec, routes.RouteOf("dnxhd"));
        Assert.Null(routes.RouteOf("vp9"));
    }

    [Fact]
    public void A_mac_without_ffmpeg_announces_what_videotoolbox_decodes()
    {
        var routes = SourceDecoderRoutes.Build(["h264", "hevc", "prores"], []);

        Assert.Equal(["h264", "hevc", "prores"], routes.Announced);
        Assert.Null(routes.RouteOf("dnxhd"));
    }

    [Fact]
    public void A_mac_whose_videotoolbox_lacks_prores_decodes_it_with_libavcodec()
    {
        var routes = SourceDecoderRoutes.Build(["h264", "hevc"], ["prores", "h264", "zzcodec"]);

        Assert.Equal(SourceDecoderLibrary.Libavcodec, routes.RouteOf("prores"));
        Assert.Equal(["h264", "hevc", "prores", "zzcodec"], routes.Announced); // unknown names last
    }
}

[Trait("Category", "Native")]
public sealed class ProResCodecTypeTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("vtr-prores-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [NativeFact("prores_ks")]
    public void Hq_and_proxy_frames_open_the_422_decoder() =>
        Assert.Equal([ProResCodecType.AppleProRes422, ProResCodecType.AppleProRes422], [Frame("3", "yuv422p10le"), Frame("0", "yuv422p10le")]);

    [NativeFact("prores_ks")]
    public void A_4444_frame_opens_the_4444_decoder_and_other_bytes_open_none()
    {
        Assert.Equal(ProResCodecType.AppleProRes4444, Frame("4", "yuv444p10le"));
        Assert.Null(ProResCodecType.For(new byte[32]));
    }

    /// <summary>The codec type of one frame prores_ks wrote (its raw output is the bare frame: size, 'icpf', header).</summary>
    private uint? Frame(string profile, string pixelFormat)
    {
        var path = Path.Combine(_directory, $"p{profile}.prores");
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in (string[])["-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=s=128x72:r=25:d=0.04", "-c:v", "prores_ks",
                     "-profile:v", profile, "-pix_fmt", pixelFormat, "-f", "rawvideo", path])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, error);
        return ProResCodecType.For(File.ReadAllBytes(path));
    }
}
