using Vtr.Native.FFmpeg;
using Vtr.Shared.Media;

namespace Vtr.Node.Codecs.FFmpeg;

/// <summary>
/// The libavcodec backend: libx264/libx265 encoders and the native h264/hevc decoders, probed at construction.
/// When FFmpeg is missing or unsupported the backend still constructs, with empty codec lists and
/// <see cref="UnavailableReason"/> set, so a host can report why instead of crashing.
/// </summary>
public sealed class FFmpegBackend : ICodecBackend
{
    private readonly FFmpegBackendOptions _options;

    public FFmpegBackend(FFmpegBackendOptions? options = null)
    {
        _options = options ?? FFmpegBackendOptions.Default;
        if (!SoftwarePresetLadder.IsKnown(_options.SoftwarePreset))
        {
            throw new ArgumentException($"unknown software preset '{_options.SoftwarePreset}'", nameof(options));
        }

        Runtime = FFmpegRuntime.TryLoad(out var reason);
        UnavailableReason = reason;
        if (Runtime is null)
        {
            return;
        }

        EncodeCodecs = Probe(AvCodecNative.avcodec_find_encoder_by_name, LibX26xOptionMapper.LibX264, LibX26xOptionMapper.LibX265);
        DecodeCodecs = Probe(AvCodecNative.avcodec_find_decoder_by_name, "h264", "hevc");
        SourceDecodeCodecs = SourceDecoders.Probe();
    }

    public string Name => "ffmpeg";

    public bool IsHardware => false;

    /// <summary>libx264's ABR measured warmer with it (libx265 takes the same path, its rate control being x264's design).</summary>
    public bool EncodesPreRoll => true;

    public IReadOnlyList<VideoCodec> EncodeCodecs { get; } = [];

    public IReadOnlyList<VideoCodec> DecodeCodecs { get; } = [];

    /// <summary>h264, hevc and every other <see cref="SourceDecoders.Candidates"/> codec this FFmpeg decodes.</summary>
    public IReadOnlyList<string> SourceDecodeCodecs { get; } = [];

    /// <summary>The loaded FFmpeg, or null when it could not be loaded.</summary>
    public FFmpegRuntime? Runtime { get; }

    /// <summary>Why FFmpeg is unusable (missing library, unsupported major), or null.</summary>
    public string? UnavailableReason { get; }

    public IVideoEncoder CreateEncoder(EncoderSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        EnsureAvailable();
        return new FFmpegVideoEncoder(settings, _options);
    }

    public IVideoDecoder CreateDecoder(DecoderSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        EnsureAvailable();
        return new FFmpegVideoDecoder(settings, _options);
    }

    /// <summary>A libavcodec decoder of the output codec + libavfilter's psnr and ssim; null with the reason without them.</summary>
    public IQualityMeter? CreateQualityMeter(QualityMeterSettings settings, out string unavailableReason)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (Runtime is null)
        {
            unavailableReason = UnavailableReason ?? "FFmpeg is not available";
            return null;
        }

        return FFmpegQualityMeter.TryOpen(settings, out unavailableReason);
    }

    private void EnsureAvailable()
    {
        if (Runtime is null)
        {
            throw new CodecException(UnavailableReason ?? "FFmpeg is not available");
        }
    }

    private static VideoCodec[] Probe(Func<string, nint> find, string h264, string hevc)
    {
        var found = new List<VideoCodec>(2);
        if (find(h264) != 0)
        {
            found.Add(VideoCodec.H264);
        }

        if (find(hevc) != 0)
        {
            found.Add(VideoCodec.Hevc);
        }

        return [.. found];
    }
}
