using System.Globalization;
using Vtr.Native.FFmpeg;

namespace Vtr.Cli.Media;

/// <summary>
/// A video stream's colour description as FFmpeg numbers it (AVColorRange, AVColorPrimaries, AVColorTransferCharacteristic,
/// AVColorSpace; 0/2/2/2 = unspecified). Read from the source, sent to nodes as the CONFIGURE colour keys FFmpeg's
/// remote encoder sends (WIRE.md §4.2, so the encoder writes them into the VUI), and written to the output stream
/// (mov/mp4 colr, Matroska Colour). Untagged stays untagged: no key is sent and nothing is written.
/// Fields travel through a throw-away AVCodecContext's AVOptions, so no AVCodecParameters offset is needed.
/// </summary>
public sealed record ColourTags(int Range, int Primaries, int Transfer, int Space)
{
    public static readonly ColourTags Unspecified = new(0, 2, 2, 2);

    private static readonly string[] OptionNames = ["color_range", "color_primaries", "color_trc", "colorspace"];

    public bool IsTagged => this != Unspecified;

    /// <summary>The CONFIGURE options for the tagged fields, as FFmpeg's client sends them (only when known).</summary>
    public IEnumerable<KeyValuePair<string, string>> ConfigureOptions()
    {
        var inv = CultureInfo.InvariantCulture;
        if (Range is 1 or 2)
        {
            yield return new("color_range", Range.ToString(inv));
        }

        if (Space is not 2 and >= 0)
        {
            yield return new("colorspace", Space.ToString(inv));
        }

        if (Primaries is not 2 and >= 0)
        {
            yield return new("color_primaries", Primaries.ToString(inv));
        }

        if (Transfer is not 2 and >= 0)
        {
            yield return new("color_trc", Transfer.ToString(inv));
        }
    }

    /// <summary>The tags of an AVCodecParameters.</summary>
    public static ColourTags Read(nint parameters)
    {
        using var context = Context(parameters);
        var values = new long[OptionNames.Length];
        for (var i = 0; i < OptionNames.Length; i++)
        {
            MediaProcessingException.ThrowIfError(AvUtilNative.av_opt_get_int(context, OptionNames[i], 0, out values[i]), $"av_opt_get_int({OptionNames[i]})");
        }

        return new ColourTags((int)values[0], (int)values[1], (int)values[2], (int)values[3]);
    }

    /// <summary>Writes these tags into an AVCodecParameters (everything else in it is kept).</summary>
    public void WriteTo(nint parameters)
    {
        using var context = Context(parameters);
        long[] values = [Range, Primaries, Transfer, Space];
        for (var i = 0; i < OptionNames.Length; i++)
        {
            MediaProcessingException.ThrowIfError(AvUtilNative.av_opt_set_int(context, OptionNames[i], values[i], 0), $"av_opt_set_int({OptionNames[i]})");
        }

        MediaProcessingException.ThrowIfError(AvCodecNative.avcodec_parameters_from_context(parameters, context), "avcodec_parameters_from_context");
    }

    private static SafeCodecContextHandle Context(nint parameters)
    {
        var context = AvCodecNative.avcodec_alloc_context3(0);
        if (context.IsInvalid)
        {
            context.Dispose();
            throw new MediaProcessingException("avcodec_alloc_context3 failed");
        }

        var result = AvCodecNative.avcodec_parameters_to_context(context, parameters);
        if (result < 0)
        {
            context.Dispose();
            MediaProcessingException.ThrowIfError(result, "avcodec_parameters_to_context");
        }

        return context;
    }
}
