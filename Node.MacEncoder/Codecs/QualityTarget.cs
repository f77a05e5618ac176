using System.Globalization;
using Vtr.Shared.Media;

namespace Vtr.Node.Codecs;

/// <summary>
/// A quality-mode CONFIGURE resolved once for every backend: the client asked either for a VideoToolbox quality
/// (global_quality, <see cref="QualityScale"/>) or for an x264/x265 crf (our <c>crf</c> key), and each backend
/// takes the one it speaks natively and converts the other through <see cref="QualityCrfCurve"/>.
/// </summary>
/// <param name="Quality">0–100 when the client sent global_quality, else null.</param>
/// <param name="Crf">0–51 when the client sent crf, else null.</param>
/// <param name="Warnings">What the resolution had to ignore or clamp.</param>
public sealed record QualityTarget(double? Quality, double? Crf, IReadOnlyList<string> Warnings)
{
    /// <summary>The target of <paramref name="options"/>, or null when it is not in quality mode.</summary>
    public static QualityTarget? From(EncoderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.QualityMode)
        {
            return null;
        }

        var warnings = new List<string>();
        if (options.Crf >= 0)
        {
            // A client that sends both meant crf: global_quality is FFmpeg's, crf only ours.
            if (options.GlobalQuality > 0)
            {
                warnings.Add("global_quality ignored: crf given");
            }

            var crf = Math.Min(options.Crf, QualityCrfCurve.MaxCrf);
            if (crf != options.Crf)
            {
                warnings.Add(string.Create(CultureInfo.InvariantCulture, $"crf {options.Crf} clamped to {crf}"));
            }

            return new QualityTarget(null, crf, warnings);
        }

        return new QualityTarget(QualityScale.ToFraction(options.GlobalQuality, options.Flags) * QualityScale.Max, null, warnings);
    }

    /// <summary>The crf a libx264/libx265 encoder runs at.</summary>
    public double CrfFor(VideoCodec codec) => Crf ?? QualityCrfCurve.CrfFor(Quality ?? 0, codec);

    /// <summary>kVTCompressionPropertyKey_Quality (0..1) for a VideoToolbox encoder.</summary>
    public double FractionFor(VideoCodec codec) => (Quality ?? QualityCrfCurve.QualityFor(Crf ?? QualityCrfCurve.MaxCrf, codec)) / QualityScale.Max;
}
