using Vtr.Shared.Media;

namespace Vtr.Node.Codecs;

/// <summary>
/// The CONFIGURE options of WIRE.md §4.2 as typed values. "Unset" keeps the original server's default
/// (null / -1 / false). Built by <see cref="EncoderOptionsParser"/>; backends map what they can and
/// report the rest as warnings.
/// </summary>
public sealed record EncoderOptions
{
    public long Bitrate { get; init; }

    public long MaxRate { get; init; }

    public int Gop { get; init; }

    public int MaxBFrames { get; init; }

    /// <summary>AVCodecContext.flags as sent (bit 1 QSCALE, bit 19 LOW_DELAY, bit 22 GLOBAL_HEADER, bit 31 CLOSED_GOP).</summary>
    public int Flags { get; init; }

    public int GlobalQuality { get; init; }

    /// <summary>Our <c>crf</c> extension (x264/x265 terms, 0–51, docs/protocol.md); -1 = unset.</summary>
    public double Crf { get; init; } = -1;

    /// <summary>Our <c>rate_tolerance</c> extension (x264/x265 ratetol, docs/protocol.md): how far an ABR encode may
    /// drift from the bitrate before rate control pulls it back, as a fraction; -1 = the encoder's default (1.0).</summary>
    public double RateTolerance { get; init; } = -1;

    public int QMin { get; init; } = -1;

    public int QMax { get; init; } = -1;

    /// <summary>FFmpeg profile number (66 baseline, 77 main, 100 high, 1/2/4 for HEVC); -99 = unset.</summary>
    public int Profile { get; init; } = -99;

    public int Level { get; init; }

    /// <summary>0 auto, 1 CAVLC, 2 CABAC.</summary>
    public int Entropy { get; init; }

    public bool AllowSoftware { get; init; }

    public bool RequireSoftware { get; init; }

    /// <summary>-1 unset, 0 off, otherwise on.</summary>
    public int Realtime { get; init; } = -1;

    public bool FramesBefore { get; init; }

    public bool FramesAfter { get; init; }

    /// <summary>-1 unset (speed prioritised unless realtime==1), 0 off, 1 on.</summary>
    public int PrioritizeSpeed { get; init; } = -1;

    public int PowerEfficient { get; init; } = -1;

    public int SpatialAq { get; init; } = -1;

    public int MaxRefFrames { get; init; }

    public int MaxSliceBytes { get; init; } = -1;

    public bool ConstantBitRate { get; init; }

    public double AlphaQuality { get; init; }

    /// <summary>FFmpeg AVColorRange (0 unspecified, 1 tv, 2 pc).</summary>
    public int ColorRange { get; init; }

    /// <summary>FFmpeg AVColorSpace; 2 = unspecified.</summary>
    public int ColorSpace { get; init; } = 2;

    public int ColorPrimaries { get; init; } = 2;

    public int ColorTransfer { get; init; } = 2;

    /// <summary>Our <c>master_display</c> extension (docs/protocol.md): HDR10 mastering display for the SEI; null = none.</summary>
    public MasteringDisplay? MasteringDisplay { get; init; }

    /// <summary>Our <c>max_cll</c> extension: HDR10 content light level for the SEI; null = none.</summary>
    public ContentLightLevel? ContentLight { get; init; }

    public int SarNum { get; init; }

    public int SarDen { get; init; }

    public int A53Cc { get; init; } = -1;

    /// <summary>The CONFIGURE <c>mode</c>: encode, decode, or our <c>transcode</c> extension.</summary>
    public string Mode { get; init; } = "encode";

    /// <summary>Keys this build does not know, with their values, kept for CONFIGURE_ACK warnings.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Unknown { get; init; } = [];

    /// <summary>Keys whose value did not parse (the original server falls back to the default).</summary>
    public IReadOnlyList<string> Malformed { get; init; } = [];

    public const int FlagQScale = QualityScale.QScaleFlag;
    public const int FlagLowDelay = 1 << 19;
    public const int FlagGlobalHeader = CodecContextFlags.GlobalHeader;
    public const int FlagClosedGop = unchecked((int)0x80000000);

    /// <summary>
    /// AV_CODEC_FLAG_GLOBAL_HEADER: the client keeps parameter sets out of band (mp4/mov/mkv). Without it
    /// (FFmpeg's <c>flags=256</c> for raw or MPEG-TS output, or no flags at all) keyframes must carry them.
    /// </summary>
    public bool WantsGlobalHeader => (Flags & FlagGlobalHeader) != 0;

    public bool QualityMode => GlobalQuality > 0 || (Flags & FlagQScale) != 0 || Crf >= 0;
}
