using System.Globalization;
using Vtr.Shared.Media;
using Vtr.Shared.Wire;

namespace Vtr.Node.Sessions;

/// <summary>
/// The CONFIGURE keys of vtr's <c>mode=transcode</c> extension (docs/protocol.md): which codec the source
/// PACKETs are in, and which decoded pts the segment keeps. Unmodified FFmpeg clients never send them.
/// </summary>
public static class TranscodeOptions
{
    public const string ModeValue = "transcode";
    public const string SourceCodecKey = "source_codec";
    public const string KeepFromPtsKey = "keep_from_pts";
    public const string KeepToPtsKey = "keep_to_pts";

    public static bool IsExtensionKey(string key) => key is SourceCodecKey or KeepFromPtsKey or KeepToPtsKey;

    public static bool TryGetSourceCodec(ConfigureMessage configure, out VideoCodec codec) =>
        VideoCodecNames.TryParse(configure.GetOption(SourceCodecKey) ?? "", out codec);

    public static PtsRange KeepRange(ConfigureMessage configure) =>
        new(ParseOr(configure.GetOption(KeepFromPtsKey), long.MinValue), ParseOr(configure.GetOption(KeepToPtsKey), long.MaxValue));

    private static long ParseOr(string? value, long fallback) =>
        long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) ? parsed : fallback;
}
