using System.Runtime.InteropServices;
using Vtr.Node.Codecs.FFmpeg;
using Vtr.Shared.Media;

namespace Vtr.Node.Codecs.VideoToolbox;

/// <summary>
/// The VideoToolbox backend: Apple's hardware H.264/HEVC encoders. Create it with <see cref="TryCreate"/>, which
/// fails with a reason off macOS or when no encoder answers the probe, so the node can choose automatically.
/// </summary>
public sealed class VideoToolboxBackend : ICodecBackend
{
    public const string BackendName = "videotoolbox";
    public const string NotMacOSReason = "VideoToolbox needs macOS; running on Linux";

    private readonly SourceDecoderRoutes _sourceRoutes;
    private readonly FFmpegBackend? _libavcodec;

    private VideoToolboxBackend(IReadOnlyList<VideoCodec> encodeCodecs, IReadOnlyList<VideoCodec> decodeCodecs, bool isAppleSilicon,
        SourceDecoderRoutes sourceRoutes, FFmpegBackend? libavcodec)
    {
        EncodeCodecs = encodeCodecs;
        DecodeCodecs = decodeCodecs;
        IsAppleSilicon = isAppleSilicon;
        _sourceRoutes = sourceRoutes;
        _libavcodec = libavcodec;
    }

    public string Name => BackendName;

    public bool IsHardware => true;

    public IReadOnlyList<VideoCodec> EncodeCodecs { get; }

    public IReadOnlyList<VideoCodec> DecodeCodecs { get; }

    /// <summary>What VideoToolbox decodes (ProRes, H.264, HEVC) and, when FFmpeg is installed, what libavcodec decodes besides.</summary>
    public IReadOnlyList<string> SourceDecodeCodecs => _sourceRoutes.Announced;

    /// <summary>arm64 Macs allow quality mode and HEVC low-latency rate control (WIRE.md §4.2).</summary>
    public bool IsAppleSilicon { get; }

    /// <summary>Probes the hardware encoders with a tiny session per codec; false with a reason when none works.</summary>
    public static bool TryCreate(out ICodecBackend? backend, out string reason)
    {
        backend = null;
        if (!OperatingSystem.IsMacOS())
        {
            reason = OperatingSystem.IsLinux() ? NotMacOSReason : "VideoToolbox needs macOS";
            return false;
        }

        var appleSilicon = RuntimeInformation.ProcessArchitecture == Architecture.Arm64;
        var encode = new List<VideoCodec>();
        var failures = new List<string>();
        foreach (var codec in (ReadOnlySpan<VideoCodec>)[VideoCodec.H264, VideoCodec.Hevc])
        {
            try
            {
                using var probe = VideoToolboxEncoder.Create(ProbeSettings(codec), appleSilicon);
                encode.Add(codec);
            }
            catch (CodecException ex)
            {
                failures.Add($"{codec.ToWireName()}: {ex.Message}");
            }
        }

        if (encode.Count == 0)
        {
            reason = "no VideoToolbox hardware encoder answered: " + string.Join("; ", failures);
            return false;
        }

        reason = failures.Count == 0 ? string.Empty : string.Join("; ", failures);
        // Sources VideoToolbox cannot decode fall back to libavcodec on the same Mac, when FFmpeg is installed.
        var ffmpeg = new FFmpegBackend();
        var libavcodec = ffmpeg.UnavailableReason is null ? ffmpeg : null;
        var routes = SourceDecoderRoutes.Build(VideoToolboxDecodeProbe.Probe(), libavcodec?.SourceDecodeCodecs ?? []);
        backend = new VideoToolboxBackend(encode, [VideoCodec.H264, VideoCodec.Hevc], appleSilicon, routes, libavcodec);
        return true;
    }

    public IVideoEncoder CreateEncoder(EncoderSettings settings)
    {
        if (!OperatingSystem.IsMacOS())
        {
            throw new CodecException(NotMacOSReason);
        }

        return VideoToolboxEncoder.Create(settings, IsAppleSilicon);
    }

    public IVideoDecoder CreateDecoder(DecoderSettings settings)
    {
        if (!OperatingSystem.IsMacOS())
        {
            throw new CodecException(NotMacOSReason);
        }

        ArgumentNullException.ThrowIfNull(settings);
        if (_sourceRoutes.RouteOf(settings.Codec.Name) == SourceDecoderLibrary.Libavcodec && _libavcodec is not null)
        {
            return _libavcodec.CreateDecoder(settings);
        }

        return VideoToolboxDecoder.Create(settings);
    }

    /// <summary>The original server's preflight shape (WIRE.md §7): a tiny session, here 64×64, hardware required.</summary>
    internal static EncoderSettings ProbeSettings(VideoCodec codec) => new(codec, 64, 64, WirePixelFormat.Nv12,
        new Rational(1, 30), new Rational(30, 1), new EncoderOptions { Gop = 30 });
}
