using Vtr.Cli.Segmenting;
using Vtr.Shared.Cluster;
using Vtr.Shared.Media;

namespace Vtr.Client.Cli.Tests.Segmenting;

public sealed class EncoderFamilyChoiceTests
{
    private static NodeView Node(string id, string backend, bool hardware, int sessions, params string[] codecs) =>
        new(new NodeId(id), id, 5555, backend, hardware, sessions, 0, 0, 0, [.. codecs]);

    private static ClusterStatus Status(params NodeView[] nodes) => new([.. nodes], []);

    [Fact]
    public void The_family_with_the_most_sessions_for_the_codec_wins()
    {
        var status = Status(
            Node("mac-1", "videotoolbox", true, 2, "h264", "hevc"),
            Node("linux-1", "ffmpeg", false, 2, "h264"),
            Node("linux-2", "ffmpeg", false, 2, "h264"));

        Assert.Equal("ffmpeg", EncoderFamilyChoice.Pick(status, VideoCodec.H264));
        Assert.Equal("videotoolbox", EncoderFamilyChoice.Pick(status, VideoCodec.Hevc)); // only the Mac encodes HEVC
    }

    [Fact]
    public void Hardware_wins_a_tie_and_no_encoder_gives_none()
    {
        var status = Status(Node("mac", "videotoolbox", true, 2, "h264"), Node("linux", "ffmpeg", false, 2, "h264"));

        Assert.Equal("videotoolbox", EncoderFamilyChoice.Pick(status, VideoCodec.H264));
        Assert.Null(EncoderFamilyChoice.Pick(Status(), VideoCodec.H264));
    }
}
