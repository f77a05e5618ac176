using System.Runtime.Versioning;
using Vtr.Node.Codecs.VideoToolbox.Interop;
using Vtr.Shared.Media;

namespace Vtr.Node.Codecs.VideoToolbox;

/// <summary>
/// Which source codecs VideoToolbox decodes on this Mac. The rule: H.264 and HEVC always (VideoToolbox decodes both on
/// every macOS this node runs on, 10.13+, in hardware where there is one and in software otherwise); ProRes when a
/// decompression session for a 64×64 'apcn' format description opens, which is where Apple's ProRes decoder (software,
/// or the ProRes engines of M1 Pro/Max and later) is present. VTIsHardwareDecodeSupported is not the test: it answers for
/// hardware only and would refuse the software decoder that serves ProRes on most Macs.
/// </summary>
[SupportedOSPlatform("macos")]
internal static unsafe class VideoToolboxDecodeProbe
{
    public static IReadOnlyList<string> Probe()
    {
        List<string> codecs = [VideoCodecNames.H264, VideoCodecNames.Hevc];
        if (Opens(ProResCodecType.AppleProRes422))
        {
            codecs.Add(VideoToolboxDecoder.ProResName);
        }

        return codecs;
    }

    private static bool Opens(uint codecType)
    {
        try
        {
            using var format = SampleBufferFactory.CreateFormat(codecType, 64, 64);
            nint session = 0;
            var status = VideoToolboxNative.VTDecompressionSessionCreate(0, format.DangerousGetHandle(), 0, 0, null, &session);
            GC.KeepAlive(format);
            using var owned = SafeVTDecompressionSessionHandle.Own(session);
            return status == VtStatus.NoErr && session != 0;
        }
        catch (CodecException)
        {
            return false;
        }
    }
}
