using System.Globalization;
using Vtr.Node.Codecs;
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

    /// <summary>Pictures from this pts up to <c>keep_from_pts</c> are encoded only to warm the encoder's rate control and
    /// lookahead (pre-roll); their packets are dropped and the first kept picture is forced to a keyframe.</summary>
    public const string PreRollFromPtsKey = "preroll_from_pts";

    /// <summary><c>measure=quality</c>: measure the output against the encoded pictures and send QUALITY before DONE;
    /// <c>measure=decode</c>: only decode it (count and pts of every picture) and send QUALITY with zero means.</summary>
    public const string MeasureKey = "measure";
    public const string MeasureQualityValue = "quality";
    public const string MeasureDecodeValue = "decode";

    public static bool IsExtensionKey(string key) => key is SourceCodecKey or KeepFromPtsKey or KeepToPtsKey or PreRollFromPtsKey or MeasureKey or ConfigureMessage.LeaseOption;

    /// <summary>What the client asked the session to check of its output; an unknown <c>measure</c> value asks nothing
    /// (the client then gets no QUALITY and checks the segment itself).</summary>
    public static OutputCheck OutputCheckOf(ConfigureMessage configure) => configure.GetOption(MeasureKey) switch
    {
        MeasureQualityValue => OutputCheck.Quality,
        MeasureDecodeValue => OutputCheck.Decode,
        _ => OutputCheck.None,
    };

    /// <summary>The <c>measure</c> value that asks for <paramref name="check"/>; null for none.</summary>
    public static string? MeasureValueOf(OutputCheck check) => check switch
    {
        OutputCheck.Quality => MeasureQualityValue,
        OutputCheck.Decode => MeasureDecodeValue,
        _ => null,
    };

    /// <summary>The <c>source_codec</c> value: an FFmpeg codec name (h264, hevc, prores, ...); false when absent or empty.</summary>
    public static bool TryGetSourceCodec(ConfigureMessage configure, out SourceCodec codec)
    {
        var name = configure.GetOption(SourceCodecKey);
        codec = new SourceCodec(name ?? string.Empty);
        return !string.IsNullOrEmpty(name);
    }

    public static PtsRange KeepRange(ConfigureMessage configure) =>
        new(ParseOr(configure.GetOption(KeepFromPtsKey), long.MinValue), ParseOr(configure.GetOption(KeepToPtsKey), long.MaxValue));

    /// <summary>The pre-roll before <paramref name="keep"/>: <c>[preroll_from_pts, keep_from_pts)</c>, empty when the key is
    /// absent, not a number, or not before the kept range.</summary>
    public static PtsRange PreRollRange(ConfigureMessage configure, PtsRange keep)
    {
        var from = ParseOr(configure.GetOption(PreRollFromPtsKey), long.MaxValue);
        return from < keep.From ? new PtsRange(from, keep.From - 1) : PtsRange.Empty;
    }

    private static long ParseOr(string? value, long fallback) =>
        long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) ? parsed : fallback;
}
