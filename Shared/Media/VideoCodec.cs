namespace Vtr.Shared.Media;

/// <summary>The two codecs VTR1 knows; the wire names are "h264" and "hevc".</summary>
public enum VideoCodec
{
    H264,
    Hevc,
}

public static class VideoCodecNames
{
    public const string H264 = "h264";
    public const string Hevc = "hevc";

    public static string ToWireName(this VideoCodec codec) => codec == VideoCodec.Hevc ? Hevc : H264;

    /// <summary>Exact, case-sensitive match as the original server does; anything else is unknown.</summary>
    public static bool TryParse(string wireName, out VideoCodec codec)
    {
        switch (wireName)
        {
            case H264:
                codec = VideoCodec.H264;
                return true;
            case Hevc:
                codec = VideoCodec.Hevc;
                return true;
            default:
                codec = default;
                return false;
        }
    }
}
