using Vtr.Node.Codecs.FFmpeg;
using Vtr.Shared.Tests.Bitstream;

namespace Vtr.Integration.Tests.Cluster;

/// <summary>Skips with the reason when the ffmpeg CLI (sample clip) or the libavcodec backend (nodes) is missing.</summary>
public sealed class ClusterFactAttribute : FactAttribute
{
    public ClusterFactAttribute()
    {
        if (FfmpegLocator.Path is null)
        {
            Skip = "ffmpeg is not on PATH; the sample clip is generated with it.";
        }
        else if (new FFmpegBackend().UnavailableReason is { } reason)
        {
            Skip = "libavcodec backend unavailable: " + reason;
        }
    }
}
