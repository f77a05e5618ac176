using Vtr.Node.Codecs.Diagnostics;
using Vtr.Node.Codecs.SelfTest;
using Vtr.Node.Codecs.VideoToolbox;

namespace Vtr.Node.MacEncoder.Tests.Codecs.VideoToolbox;

public class VideoToolboxInspectorTests
{
    [MacOSFact]
    [Trait("Category", "Native")]
    public void H264_inspection_opens_hardware_sessions_lists_the_plans_properties_and_sees_no_late_callbacks()
    {
        if (!OperatingSystem.IsMacOS())
        {
            return; // MacOSFact skips first; this satisfies the platform analyzer
        }

        var findings = VideoToolboxInspector.Inspect(CodecVariant.H264, new SelfTestOptions(320, 180, 30)).ToList();

        Assert.DoesNotContain(findings, f => f.Level == FindingLevel.Fail);
        Assert.Contains(findings, f => f.Subject == "videotoolbox H.264 8-bit property AverageBitRate" && f.Detail.StartsWith("supported", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Subject == "videotoolbox H.264 8-bit callbacks after invalidate" && f.Level == FindingLevel.Ok);
    }
}
