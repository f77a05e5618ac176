using System.Collections.Immutable;
using System.Globalization;
using Vtr.Cli.Media;
using Vtr.Node.Sessions;
using Vtr.Shared.Media;
using Vtr.Shared.Wire;

namespace Vtr.Cli.Segmenting;

/// <summary>Builds the CONFIGURE of one segment for either transport (pure).</summary>
public static class SegmentConfiguration
{
    /// <summary>Packets transport: the node decodes the source packets itself and keeps only the segment's frames.</summary>
    public static ConfigureMessage ForPackets(MediaInfo info, SegmentPlan plan, SegmentEncodeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(settings);
        var inv = CultureInfo.InvariantCulture;
        var options = ImmutableArray.CreateBuilder<KeyValuePair<string, string>>();
        options.Add(new(ConfigureMessage.ModeOption, "transcode"));
        options.Add(new("source_codec", info.VideoCodec.ToWireName()));
        options.Add(new("keep_from_pts", plan.OutputPts[0].ToString(inv)));
        options.Add(new("keep_to_pts", plan.OutputPts[^1].ToString(inv)));
        if (plan.PreRollFromPts is { } preRollFrom)
        {
            options.Add(new(TranscodeOptions.PreRollFromPtsKey, preRollFrom.ToString(inv)));
        }
        // Without the quality check the node still decodes its output, so the final check need not decode the file.
        options.Add(new(TranscodeOptions.MeasureKey, settings.MeasureQuality ? TranscodeOptions.MeasureQualityValue : TranscodeOptions.MeasureDecodeValue));
        options.AddRange(settings.EncoderOptions(plan.FrameCount));
        options.AddRange(info.Colour.ConfigureOptions());
        options.AddRange(info.Hdr.ConfigureOptions());
        return Build(info, settings, options.ToImmutable(), info.Extradata.AsMemory());
    }

    /// <summary>Raw transport: decoded NV12/P010 FRAMEs, planes compressed as asked.</summary>
    public static ConfigureMessage ForRaw(MediaInfo info, SegmentPlan plan, SegmentEncodeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(settings);
        var options = ImmutableArray.CreateBuilder<KeyValuePair<string, string>>();
        options.Add(new(ConfigureMessage.ModeOption, "encode"));
        options.Add(new(ConfigureMessage.WireCompressionOption, ((int)settings.Compression).ToString(CultureInfo.InvariantCulture)));
        options.AddRange(settings.EncoderOptions(plan.FrameCount));
        options.AddRange(info.Colour.ConfigureOptions());
        options.AddRange(info.Hdr.ConfigureOptions());
        return Build(info, settings, options.ToImmutable(), ReadOnlyMemory<byte>.Empty);
    }

    /// <summary>The average frame rate over the stream (frames per second as a /1000 rational), 0/1 when unknown.</summary>
    public static Rational AverageFrameRate(MediaInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        var seconds = info.Duration.TotalSeconds;
        if (info.FrameCount < 2 || seconds <= 0)
        {
            return new Rational(0, 1);
        }

        return new Rational((uint)Math.Round(info.FrameCount / seconds * 1000), 1000);
    }

    private static ConfigureMessage Build(
        MediaInfo info, SegmentEncodeSettings settings, ImmutableArray<KeyValuePair<string, string>> options, ReadOnlyMemory<byte> extradata) =>
        new(
            (uint)info.Width,
            (uint)info.Height,
            OutputFormatChoice.WireFormat(settings, info),
            info.TimeBase,
            AverageFrameRate(info),
            options,
            extradata);
}
