using System.Collections.Immutable;
using Vtr.Node.Codecs;
using Vtr.Shared.Media;
using Vtr.Shared.Wire;

namespace Vtr.Node.Sessions;

/// <summary>
/// Turns a CONFIGURE into what the codec child opens, or into the refusal the client gets. Pure: no actors,
/// no sockets, so every rule is unit-tested.
/// </summary>
public static class SessionConfiguration
{
    /// <summary>CONFIGURE_ACK carries at most 255 warnings (u8 count).</summary>
    private const int MaxWarnings = 255;

    public sealed record Refusal(Vtr1ErrorCode Code, string Reason);

    public sealed record Result(SessionMode Mode, CodecSessionSpec? Spec, Refusal? Error);

    /// <param name="options">The CONFIGURE options, parsed once by the caller (<see cref="EncoderOptionsParser"/>).</param>
    public static Result Plan(ConfigureMessage configure, EncoderOptions options, VideoCodec codec, ICodecBackend backend, SessionPolicy policy)
    {
        if (!configure.TryGetCompression(out _))
        {
            return Refuse(Vtr1ErrorCode.UnsupportedConfiguration, $"unsupported wire_compression={configure.GetOption("wire_compression")}");
        }

        var mode = options.Mode switch
        {
            "decode" => SessionMode.Decode,
            TranscodeOptions.ModeValue => SessionMode.Transcode,
            _ => SessionMode.Encode, // the original server treats unknown text as encode
        };
        if (configure.PixelFormat is not (WirePixelFormat.Nv12 or WirePixelFormat.P010))
        {
            return Refuse(Vtr1ErrorCode.UnsupportedConfiguration, $"unsupported pix_fmt {(byte)configure.PixelFormat} (1 = NV12, 2 = P010)");
        }

        if (configure.Width > policy.MaxDimension || configure.Height > policy.MaxDimension)
        {
            return Refuse(Vtr1ErrorCode.UnsupportedConfiguration, $"{configure.Width}x{configure.Height} exceeds {policy.MaxDimension}x{policy.MaxDimension}");
        }

        return mode switch
        {
            SessionMode.Decode => PlanDecode(configure, codec, backend),
            SessionMode.Transcode => PlanTranscode(configure, codec, backend, options),
            _ => PlanEncode(configure, codec, backend, options),
        };
    }

    private static Result PlanTranscode(ConfigureMessage configure, VideoCodec codec, ICodecBackend backend, EncoderOptions options)
    {
        if (!TranscodeOptions.TryGetSourceCodec(configure, out var sourceCodec))
        {
            return Refuse(Vtr1ErrorCode.UnsupportedConfiguration, $"transcode needs {TranscodeOptions.SourceCodecKey} (h264, hevc, prores, ...)");
        }

        if (!backend.SourceDecodeCodecs.Contains(sourceCodec.Name))
        {
            return Refuse(Vtr1ErrorCode.UnsupportedConfiguration, $"this node cannot decode {sourceCodec.ToWireName()}; send raw frames instead");
        }

        var encode = PlanEncode(configure, codec, backend, options);
        if (encode.Error is not null)
        {
            return encode;
        }

        var decoder = new DecoderSettings(sourceCodec, (int)configure.Width, (int)configure.Height, configure.PixelFormat, configure.Extradata);
        var keep = TranscodeOptions.KeepRange(configure);
        var preRoll = backend.EncodesPreRoll ? TranscodeOptions.PreRollRange(configure, keep) : PtsRange.Empty;
        var spec = CodecSessionSpec.ForTranscoding(decoder, encode.Spec!.Encoder!, keep) with
        {
            Check = TranscodeOptions.OutputCheckOf(configure),
            PreRoll = preRoll,
        };
        return new Result(SessionMode.Transcode, spec, null);
    }

    private static Result PlanEncode(ConfigureMessage configure, VideoCodec codec, ICodecBackend backend, EncoderOptions options)
    {
        if (!backend.EncodeCodecs.Contains(codec))
        {
            return Refuse(Vtr1ErrorCode.UnsupportedConfiguration, $"this node cannot encode {codec.ToWireName()} ({backend.Name} backend)");
        }

        if (codec == VideoCodec.H264 && configure.PixelFormat == WirePixelFormat.P010)
        {
            return Refuse(Vtr1ErrorCode.UnsupportedConfiguration, "H.264 takes NV12 only; use hevc for P010 (Main10)");
        }

        if (configure.Width == 0 || configure.Height == 0)
        {
            return Refuse(Vtr1ErrorCode.UnsupportedConfiguration, "encode needs a width and height");
        }

        var settings = new EncoderSettings(codec, (int)configure.Width, (int)configure.Height, configure.PixelFormat,
            ClampTimeBase(configure.TimeBase), configure.FrameRate, options);
        return new Result(SessionMode.Encode, CodecSessionSpec.ForEncoding(settings), null);
    }

    private static Result PlanDecode(ConfigureMessage configure, VideoCodec codec, ICodecBackend backend)
    {
        if (!backend.DecodeCodecs.Contains(codec))
        {
            return Refuse(Vtr1ErrorCode.UnsupportedConfiguration, $"this node cannot decode {codec.ToWireName()} ({backend.Name} backend)");
        }

        // Width/height 0 is FFmpeg's probe connection for raw .hevc input: the decoder learns them in-band.
        var settings = new DecoderSettings(codec, (int)configure.Width, (int)configure.Height, configure.PixelFormat, configure.Extradata,
            OutputInDecodeOrder: true);
        return new Result(SessionMode.Decode, CodecSessionSpec.ForDecoding(settings), null);
    }

    /// <summary>The original server clamps num and den to at least 1, so 0/1 becomes 1/1 (WIRE.md §2.3).</summary>
    private static Rational ClampTimeBase(Rational timeBase) =>
        new(Math.Max(1u, timeBase.Numerator), Math.Max(1u, timeBase.Denominator));

    /// <summary>Backend warnings plus every option we did not understand, so nothing is silently dropped.</summary>
    public static ImmutableArray<string> Warnings(EncoderOptions options, IReadOnlyList<string> backendWarnings)
    {
        var warnings = ImmutableArray.CreateBuilder<string>();
        warnings.AddRange(backendWarnings);
        foreach (var unknown in options.Unknown.Where(option => !TranscodeOptions.IsExtensionKey(option.Key)))
        {
            warnings.Add($"unknown option {unknown.Key}={unknown.Value} ignored");
        }

        foreach (var malformed in options.Malformed)
        {
            warnings.Add($"option {malformed} has a malformed value; default used");
        }

        return warnings.Count > MaxWarnings ? warnings.Take(MaxWarnings).ToImmutableArray() : warnings.ToImmutable();
    }

    private static Result Refuse(Vtr1ErrorCode code, string reason) => new(SessionMode.Encode, null, new Refusal(code, reason));
}
