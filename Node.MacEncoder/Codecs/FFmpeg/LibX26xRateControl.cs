using System.Globalization;
using System.Text;
using Vtr.Shared.Media;
using static Vtr.Node.Codecs.FFmpeg.LibX26xOptionMapper;

namespace Vtr.Node.Codecs.FFmpeg;

/// <summary>Rate control: bitrate/maxrate/CBR, quality mode (crf) and the QP bounds.</summary>
internal static class LibX26xRateControl
{
    public static void Map(EncoderSettings settings, List<KeyValuePair<string, string>> av, StringBuilder p,
        List<string> warnings, string name)
    {
        var o = settings.Options;
        var hevc = settings.Codec == VideoCodec.Hevc;
        var qualityTarget = QualityTarget.From(o);
        if (qualityTarget is { } target)
        {
            // The calibrated curve (QualityCrfCurve) turns a VideoToolbox quality into crf; a crf is used as is.
            var crf = target.CrfFor(settings.Codec).ToString("0.0", CultureInfo.InvariantCulture);
            Add(av, "crf", crf);
            warnings.AddRange(target.Warnings.Select(w => $"{w} ({name})"));
            warnings.Add(target.Quality is { } quality
                ? string.Create(CultureInfo.InvariantCulture, $"quality mode: quality {quality:0.#} mapped to crf {crf} ({name})")
                : $"quality mode: crf {crf} ({name})");
            if (o.Bitrate > 0)
            {
                warnings.Add($"bitrate ignored in quality mode ({name})");
            }
        }
        else if (o.Bitrate > 0)
        {
            Add(av, "b", o.Bitrate.ToString(CultureInfo.InvariantCulture));
            if (o.RateTolerance > 0)
            {
                // ABR corrects its quantiser by how far the bits so far are off, relative to a buffer of
                // 2 x ratetol x bitrate: at the default 1.0 a 2 s segment ends before the correction bites.
                Param(p, "ratetol", o.RateTolerance.ToString("0.###", CultureInfo.InvariantCulture));
            }
        }

        if (o.RateTolerance > 0 && (o.Bitrate <= 0 || qualityTarget is not null))
        {
            warnings.Add($"rate_tolerance ignored without a bitrate ({name})");
        }

        var cbr = o.ConstantBitRate && o.Bitrate > 0 && !o.QualityMode;
        if (o.ConstantBitRate && !cbr)
        {
            warnings.Add($"option constant_bit_rate ignored without bitrate ({name})");
        }

        // VBV: the original server limits maxrate/8 bytes per 1 s window, so the buffer holds 1 s at maxrate.
        var maxrate = cbr ? o.Bitrate : o.MaxRate;
        if (cbr && o.MaxRate > 0 && o.MaxRate != o.Bitrate)
        {
            warnings.Add($"maxrate ignored: constant_bit_rate uses bitrate as the limit ({name})");
        }

        if (maxrate > 0)
        {
            var text = maxrate.ToString(CultureInfo.InvariantCulture);
            Add(av, "maxrate", text);
            Add(av, "bufsize", text);
        }

        if (cbr)
        {
            if (hevc)
            {
                Param(p, "strict-cbr", 1);
            }
            else
            {
                Add(av, "nal-hrd", "cbr");
            }
        }

        if (o.QMin >= 0)
        {
            if (hevc)
            {
                Param(p, "qpmin", Math.Min(o.QMin, 51));
            }
            else
            {
                Add(av, "qmin", Math.Min(o.QMin, 51).ToString(CultureInfo.InvariantCulture));
            }
        }

        if (o.QMax >= 0)
        {
            if (hevc)
            {
                Param(p, "qpmax", Math.Min(o.QMax, 51));
            }
            else
            {
                Add(av, "qmax", Math.Min(o.QMax, 51).ToString(CultureInfo.InvariantCulture));
            }
        }
    }
}
