using Vtr.Shared.Media;

namespace Vtr.Node.Codecs.VideoToolbox;

/// <summary>The outcome of mapping an FFmpeg profile/level pair: a constant, nothing, or a fatal error.</summary>
public readonly record struct ProfileLevelResult(VtSymbol? ProfileLevel, string? Error)
{
    public bool IsError => Error is not null;

    public static ProfileLevelResult None => default;
}

/// <summary>
/// FFmpeg profile and level numbers to a kVTProfileLevel_* constant (VTCompressionProperties.h), exactly as
/// WIRE.md §4.4 describes the original server.
/// </summary>
public static class ProfileLevelMapper
{
    public const int ProfileUnset = -99;
    public const int H264Baseline = 66;
    public const int H264ConstrainedBaseline = 66 | 512;
    public const int H264Main = 77;
    public const int H264Extended = 88;
    public const int H264High = 100;
    public const int H264ConstrainedHigh = 100 | 512;
    public const int HevcMain = 1;
    public const int HevcMain10 = 2;
    public const int HevcRext = 4;

    /// <summary>The original server's baseline test: <c>(profile &amp; 0xFF) == 66</c>.</summary>
    public static bool IsBaseline(int profile) => profile != ProfileUnset && (profile & 0xFF) == H264Baseline;

    public static ProfileLevelResult Map(VideoCodec codec, int profile, int level, WirePixelFormat pixelFormat, bool bFramesAllowed) =>
        codec == VideoCodec.Hevc ? MapHevc(profile, pixelFormat) : MapH264(profile, level, bFramesAllowed);

    private static ProfileLevelResult MapH264(int profile, int level, bool bFramesAllowed)
    {
        switch (profile)
        {
            case ProfileUnset:
                if (level == 0)
                {
                    return ProfileLevelResult.None;
                }

                return WithLevel(bFramesAllowed ? "Main" : "Baseline", level, allowLevel13: !bFramesAllowed);
            case H264Baseline:
                return WithLevel("Baseline", level, allowLevel13: true);
            case H264ConstrainedBaseline:
                return H264("ConstrainedBaseline_AutoLevel");
            case H264Main:
                return WithLevel("Main", level, allowLevel13: false);
            case H264High:
                return WithLevel("High", level, allowLevel13: false);
            case H264ConstrainedHigh:
                return H264("ConstrainedHigh_AutoLevel");
            case H264Extended:
                return level switch
                {
                    0 => H264("Extended_AutoLevel"),
                    50 => H264("Extended_5_0"),
                    _ => new ProfileLevelResult(null, $"invalid profile/level: extended profile does not support level {level}"),
                };
            default:
                return new ProfileLevelResult(null, $"invalid profile/level: H.264 profile {profile} is not supported");
        }
    }

    private static ProfileLevelResult WithLevel(string profileName, int level, bool allowLevel13)
    {
        if (level == 0)
        {
            return H264(profileName + "_AutoLevel");
        }

        var known = level is 30 or 31 or 32 or 40 or 41 or 42 or 50 or 51 or 52 || (allowLevel13 && level == 13);
        return known ? H264($"{profileName}_{level / 10}_{level % 10}") : ProfileLevelResult.None;
    }

    private static ProfileLevelResult MapHevc(int profile, WirePixelFormat pixelFormat) => profile switch
    {
        ProfileUnset => pixelFormat == WirePixelFormat.P010 ? Hevc("Main10_AutoLevel") : ProfileLevelResult.None,
        HevcMain => Hevc("Main_AutoLevel"),
        HevcMain10 => Hevc("Main10_AutoLevel"),
        HevcRext => Hevc("Main42210_AutoLevel"),
        _ => ProfileLevelResult.None,
    };

    private static ProfileLevelResult H264(string suffix) =>
        new(new VtSymbol("kVTProfileLevel_H264_" + suffix, VtFramework.VideoToolbox), null);

    private static ProfileLevelResult Hevc(string suffix) =>
        new(new VtSymbol("kVTProfileLevel_HEVC_" + suffix, VtFramework.VideoToolbox), null);
}
