using System.Globalization;
using Vtr.Node.Codecs.SelfTest;
using Vtr.Shared.Media;

namespace Vtr.Node.Codecs.Diagnostics;

/// <summary>
/// The backend-independent part of <c>vtr doctor</c> for one codec variant: does an encoder session open, does a
/// decoder session open on its avcC/hvcC, and how does a short encode→decode round trip (<see cref="CodecSelfTest"/>)
/// do in fps and PSNR. Works with any <see cref="ICodecBackend"/>.
/// </summary>
public static class BackendCheck
{
    /// <summary>Below this luma PSNR a round trip of the generated pattern at 4 Mb/s is suspicious (healthy encoders give 35+ dB).</summary>
    public const double LowPsnrDb = 30.0;

    public static IEnumerable<Finding> Run(ICodecBackend backend, CodecVariant variant, SelfTestOptions clip, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(variant);
        ArgumentNullException.ThrowIfNull(clip);
        var subject = $"{backend.Name} {variant.Name}";
        var kind = backend.IsHardware ? "hardware" : "software";
        if (!backend.EncodeCodecs.Contains(variant.Codec))
        {
            yield return new Finding(FindingLevel.Fail, subject + " encoder", $"{backend.Name} offers no {variant.Codec.ToWireName()} encoder");
            yield break;
        }

        byte[] extradata;
        var settings = new EncoderSettings(variant.Codec, clip.Width, clip.Height, variant.PixelFormat, new Rational(1, 30),
            new Rational(30, 1), new EncoderOptions { Bitrate = clip.Bitrate, Gop = 60, Realtime = 0, Entropy = 0 });
        var opened = Open(() =>
        {
            using var encoder = backend.CreateEncoder(settings);
            return (encoder.DecoderConfigurationRecord.ToArray(), encoder.Warnings);
        });
        if (opened.Error is { } encodeError)
        {
            yield return new Finding(FindingLevel.Fail, subject + " encoder", "does not open: " + encodeError);
            yield break;
        }

        (extradata, var warnings) = opened.Value;
        var warned = warnings.Count == 0 ? string.Empty : " with warnings: " + string.Join("; ", warnings);
        yield return new Finding(FindingLevel.Ok, subject + " encoder", $"opens ({kind}, {clip.Width}x{clip.Height}){warned}");

        if (!backend.DecodeCodecs.Contains(variant.Codec))
        {
            yield return new Finding(FindingLevel.Warn, subject + " decoder", $"{backend.Name} offers no {variant.Codec.ToWireName()} decoder; round trip skipped");
            yield break;
        }

        var decoderOpened = Open(() =>
        {
            using var decoder = backend.CreateDecoder(new DecoderSettings(variant.Codec, clip.Width, clip.Height, variant.PixelFormat, extradata));
            return (extradata, warnings);
        });
        yield return decoderOpened.Error is { } decodeError
            ? new Finding(FindingLevel.Fail, subject + " decoder", "does not open: " + decodeError)
            : new Finding(FindingLevel.Ok, subject + " decoder", $"opens on the encoder's {(variant.Codec == VideoCodec.H264 ? "avcC" : "hvcC")} ({extradata.Length} bytes)");

        var result = CodecSelfTest.RunCodec(backend, variant.Codec, clip with { PixelFormat = variant.PixelFormat }, ct);
        yield return RoundTrip(subject + " round trip", result, clip);
    }

    /// <summary>The round-trip line: frames in and out, fps both ways, PSNR; FAIL when frames went missing.</summary>
    public static Finding RoundTrip(string subject, CodecSelfTestResult result, SelfTestOptions clip)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(clip);
        var numbers = string.Create(CultureInfo.InvariantCulture,
            $"{result.FramesIn} frames {clip.Width}x{clip.Height} in, {result.PacketsOut} packets, {result.FramesDecoded} decoded; encode {result.EncodeFps:0.0} fps, decode {result.DecodeFps:0.0} fps, PSNR {result.LumaPsnr:0.0} dB");
        if (!result.Succeeded)
        {
            return new Finding(FindingLevel.Fail, subject, numbers + (result.Error is { } error ? " — " + error : " — frame count mismatch"));
        }

        return result.LumaPsnr < LowPsnrDb
            ? new Finding(FindingLevel.Warn, subject, numbers + string.Create(CultureInfo.InvariantCulture, $" — PSNR below {LowPsnrDb:0} dB"))
            : new Finding(FindingLevel.Ok, subject, numbers);
    }

    private static (T Value, string? Error) Open<T>(Func<T> open)
        where T : struct
    {
        try
        {
            return (open(), null);
        }
        catch (CodecException ex)
        {
            return (default, ex.Message);
        }
    }
}
