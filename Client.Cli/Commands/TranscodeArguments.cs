using System.Collections.Immutable;
using System.Globalization;
using Vtr.Cli.Segmenting;
using Vtr.Shared.Media;

namespace Vtr.Cli.Commands;

/// <summary>Turns `vtr transcode` option values into a <see cref="TranscodeRequest"/>, or one line saying what is wrong (pure).</summary>
public static class TranscodeArguments
{
    public static bool TryParse(
        string? input, string? output, IReadOnlyList<string> seeds, string codec, string? bitrate, int? quality, double? crf,
        double? segmentSeconds, string token, string transport, string compression, int nodes, out TranscodeRequest? request, out string? problem)
    {
        request = null;
        problem = Check(input, output, codec, bitrate, quality, crf, segmentSeconds, transport, compression, nodes,
            out var videoCodec, out var bits, out var transportChoice, out var wire);
        if (problem is not null)
        {
            return false;
        }

        var settings = new SegmentEncodeSettings(videoCodec, bits, quality, token, wire, transportChoice) { Crf = crf };
        request = new TranscodeRequest(input, output ?? TranscodeCommand.DefaultSampleOutput, [.. seeds], settings, segmentSeconds, nodes);
        return true;
    }

    private static string? Check(
        string? input, string? output, string codec, string? bitrate, int? quality, double? crf, double? segmentSeconds, string transport,
        string compression, int nodes,
        out VideoCodec videoCodec, out long? bits, out TransportChoice transportChoice, out WireCompression wire)
    {
        bits = null;
        transportChoice = TransportChoice.Auto;
        wire = WireCompression.Lz4;
        if (!VideoCodecNames.TryParse(codec, out videoCodec))
        {
            return $"unsupported --codec '{codec}' (h264 or hevc)";
        }

        if (input is not null && output is null)
        {
            return "missing -o OUTPUT";
        }

        if ((bitrate is null ? 0 : 1) + (quality is null ? 0 : 1) + (crf is null ? 0 : 1) > 1)
        {
            return "give only one of --bitrate, --quality and --crf";
        }

        if (bitrate is not null)
        {
            if (ParseBitrate(bitrate) is not { } parsed)
            {
                return $"--bitrate '{bitrate}' is not a rate such as 4M, 2500k or 800000";
            }

            bits = parsed;
        }

        if (quality is < QualityScale.Min or > QualityScale.Max)
        {
            return $"--quality must be between {QualityScale.Min} and {QualityScale.Max}";
        }

        if (crf is { } c && !(c >= QualityCrfCurve.MinCrf && c <= QualityCrfCurve.MaxCrf))
        {
            return $"--crf must be between {QualityCrfCurve.MinCrf} and {QualityCrfCurve.MaxCrf}";
        }

        if (segmentSeconds is { } seconds && (!(seconds > 0) || double.IsInfinity(seconds)))
        {
            return "--segment-seconds must be positive";
        }

        if (nodes is < 1 or > 64)
        {
            return "--nodes must be between 1 and 64";
        }

        switch (transport)
        {
            case "auto": transportChoice = TransportChoice.Auto; break;
            case "raw": transportChoice = TransportChoice.Raw; break;
            case "packets": transportChoice = TransportChoice.Packets; break;
            default: return $"unknown --transport '{transport}' (auto, raw or packets)";
        }

        switch (compression)
        {
            case "none": wire = WireCompression.None; break;
            case "lz4": wire = WireCompression.Lz4; break;
            case "zstd": wire = WireCompression.Zstd; break;
            default: return $"unknown --compression '{compression}' (none, lz4 or zstd)";
        }

        return null;
    }

    /// <summary>"4M", "2500k", "800000" → bit/s; null when not a positive rate.</summary>
    public static long? ParseBitrate(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        long multiplier = 1;
        if (trimmed.Length > 0 && char.ToUpperInvariant(trimmed[^1]) is 'K' or 'M')
        {
            multiplier = char.ToUpperInvariant(trimmed[^1]) == 'K' ? 1_000 : 1_000_000;
            trimmed = trimmed[..^1];
        }

        return double.TryParse(trimmed, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value > 0
            ? (long)(value * multiplier)
            : null;
    }
}
