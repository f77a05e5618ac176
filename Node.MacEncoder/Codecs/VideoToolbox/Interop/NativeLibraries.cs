namespace Vtr.Node.Codecs.VideoToolbox.Interop;

/// <summary>Paths of the Apple frameworks this backend binds to (all ship with macOS).</summary>
internal static class NativeLibraries
{
    public const string CoreFoundation = "/System/Library/Frameworks/CoreFoundation.framework/CoreFoundation";
    public const string CoreMedia = "/System/Library/Frameworks/CoreMedia.framework/CoreMedia";
    public const string CoreVideo = "/System/Library/Frameworks/CoreVideo.framework/CoreVideo";
    public const string VideoToolbox = "/System/Library/Frameworks/VideoToolbox.framework/VideoToolbox";

    public static string PathOf(VtFramework framework) => framework switch
    {
        VtFramework.CoreFoundation => CoreFoundation,
        VtFramework.CoreMedia => CoreMedia,
        VtFramework.CoreVideo => CoreVideo,
        _ => VideoToolbox,
    };
}
