using System.Globalization;
using Vtr.Shared.Media;

namespace Vtr.Node.Codecs;

/// <summary>
/// Parses CONFIGURE options (WIRE.md §4) the way the original server does: ints are plain decimal
/// (optional sign, no spaces), a missing or unparsable value keeps the default (and the key is recorded
/// as malformed), a bool is true for any text other than "0" (so "false" is true), the last duplicate
/// wins, and unknown keys are kept for warnings.
/// </summary>
public static class EncoderOptionsParser
{
    /// <summary>Keys the session layer reads itself; known, but not part of <see cref="EncoderOptions"/>.</summary>
    private static readonly HashSet<string> SessionKeys = new(StringComparer.Ordinal) { "wire_compression" };

    public static EncoderOptions Parse(IEnumerable<KeyValuePair<string, string>> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var o = new EncoderOptions();
        var unknown = new List<KeyValuePair<string, string>>();
        var malformed = new List<string>();
        foreach (var (key, value) in options)
        {
            o = Apply(o, key, value ?? string.Empty, malformed, unknown);
        }

        return o with { Unknown = unknown, Malformed = malformed };
    }

    private static EncoderOptions Apply(EncoderOptions o, string key, string value,
        List<string> malformed, List<KeyValuePair<string, string>> unknown)
    {
        int I(int fallback) => TryInt(value, out var v) ? v : Bad(key, malformed, fallback);
        long L(long fallback) => TryLong(value, out var v) ? v : Bad(key, malformed, fallback);
        bool B() => value != "0";

        switch (key)
        {
            case "mode": return o with { Mode = value is "decode" or "transcode" ? value : "encode" };
            case "bitrate": return o with { Bitrate = L(0) };
            case "maxrate": return o with { MaxRate = L(0) };
            case "gop": return o with { Gop = I(0) };
            case "max_b_frames": return o with { MaxBFrames = I(0) };
            case "flags": return o with { Flags = I(0) };
            case "global_quality": return o with { GlobalQuality = I(0) };
            case "crf": return o with { Crf = TryDouble(value, out var crf) && crf >= 0 ? crf : Bad(key, malformed, -1.0) };
            case "rate_tolerance": return o with { RateTolerance = TryDouble(value, out var tolerance) && tolerance > 0 ? tolerance : Bad(key, malformed, -1.0) };
            case "qmin": return o with { QMin = I(-1) };
            case "qmax": return o with { QMax = I(-1) };
            case "profile": return o with { Profile = I(-99) };
            case "level": return o with { Level = I(0) };
            case "entropy": return o with { Entropy = I(0) };
            case "allow_sw": return o with { AllowSoftware = B() };
            case "require_sw": return o with { RequireSoftware = B() };
            case "realtime": return o with { Realtime = I(-1) };
            case "frames_before": return o with { FramesBefore = B() };
            case "frames_after": return o with { FramesAfter = B() };
            case "prio_speed": return o with { PrioritizeSpeed = I(-1) };
            case "power_efficient": return o with { PowerEfficient = I(-1) };
            case "spatial_aq": return o with { SpatialAq = I(-1) };
            case "max_ref_frames": return o with { MaxRefFrames = I(0) };
            case "max_slice_bytes": return o with { MaxSliceBytes = I(-1) };
            case "constant_bit_rate": return o with { ConstantBitRate = B() };
            case "alpha_quality":
                return o with { AlphaQuality = TryDouble(value, out var d) ? d : Bad(key, malformed, 0.0) };
            case "color_range": return o with { ColorRange = I(0) };
            case "colorspace": return o with { ColorSpace = I(2) };
            case "color_primaries": return o with { ColorPrimaries = I(2) };
            case "color_trc": return o with { ColorTransfer = I(2) };
            case HdrMetadata.MasterDisplayKey:
                return o with { MasteringDisplay = MasteringDisplay.TryParse(value, out var display) ? display : Bad<MasteringDisplay?>(key, malformed, null) };
            case HdrMetadata.MaxCllKey:
                return o with { ContentLight = ContentLightLevel.TryParse(value, out var light) ? light : Bad<ContentLightLevel?>(key, malformed, null) };
            case "sar_num": return o with { SarNum = I(0) };
            case "sar_den": return o with { SarDen = I(0) };
            case "a53_cc": return o with { A53Cc = I(-1) };
            default:
                if (!SessionKeys.Contains(key))
                {
                    unknown.Add(new(key, value));
                }

                return o;
        }
    }

    private static T Bad<T>(string key, List<string> malformed, T fallback)
    {
        malformed.Add(key);
        return fallback;
    }

    /// <summary>Swift's Int(String): optional +/- then ASCII digits only; out of range fails.</summary>
    private static bool TryLong(string text, out long value) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    /// <summary>The original server reads every int option into a 64-bit Int and hands it to 32-bit fields; we reject what does not fit.</summary>
    private static bool TryInt(string text, out int value) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    private static bool TryDouble(string text, out double value) =>
        double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
            CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}
