using Vtr.Shared.Media;
using Keys = Vtr.Node.Codecs.VideoToolbox.CompressionPropertyKeys;

namespace Vtr.Node.Codecs.VideoToolbox;

/// <summary>
/// Everything a VideoToolbox compression session needs, decided without touching the OS: the encoder
/// specification, the ordered session properties (WIRE.md §4.2 and §4.4, including the properties the
/// original server always sets), the source pixel format and the warnings for CONFIGURE_ACK.
/// Settings the original server rejects throw <see cref="CodecException"/>.
/// </summary>
public sealed class CompressionPropertyPlan
{
    /// <summary>MaxFrameDelayCount the original server always sets, so output stays within the client's window.</summary>
    public const int MaxFrameDelayCount = 8;

    private CompressionPropertyPlan(EncoderSettings settings, IReadOnlyList<PlannedProperty> specification,
        IReadOnlyList<PlannedProperty> properties, IReadOnlyList<string> warnings, VtSymbol? matrix)
    {
        Settings = settings;
        CodecType = PixelFormatCodes.ForCodec(settings.Codec);
        PixelFormat = PixelFormatCodes.ForWire(settings.PixelFormat);
        EncoderSpecification = specification;
        Properties = properties;
        Warnings = warnings;
        PixelBufferYCbCrMatrix = matrix;
    }

    public EncoderSettings Settings { get; }

    /// <summary>CMVideoCodecType ('avc1' or 'hvc1').</summary>
    public uint CodecType { get; }

    /// <summary>The CVPixelBuffer format of the source buffers ('420v' or 'x420').</summary>
    public uint PixelFormat { get; }

    /// <summary>The encoderSpecification dictionary passed to VTCompressionSessionCreate.</summary>
    public IReadOnlyList<PlannedProperty> EncoderSpecification { get; }

    /// <summary>VTSessionSetProperty calls, in order.</summary>
    public IReadOnlyList<PlannedProperty> Properties { get; }

    public IReadOnlyList<string> Warnings { get; }

    /// <summary>kCVImageBufferYCbCrMatrixKey for the source pixel-buffer attributes, when the colour space is known.</summary>
    public VtSymbol? PixelBufferYCbCrMatrix { get; }

    /// <summary>Builds the plan. <paramref name="isAppleSilicon"/> gates quality mode and HEVC low-latency rate control.</summary>
    public static CompressionPropertyPlan Create(EncoderSettings settings, bool isAppleSilicon)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var o = settings.Options;
        var isH264 = settings.Codec == VideoCodec.H264;
        Validate(settings);

        var warnings = new List<string>();
        var spec = BuildSpecification(settings, isAppleSilicon, warnings);
        var props = new List<PlannedProperty>();

        var baseline = isH264 && ProfileLevelMapper.IsBaseline(o.Profile);
        var bFramesAllowed = o.MaxBFrames > 0 && !baseline;
        if (baseline && o.MaxBFrames > 0)
        {
            warnings.Add("baseline profile cannot use B-frames; disabling");
        }

        var profileLevel = ProfileLevelMapper.Map(settings.Codec, o.Profile, o.Level, settings.PixelFormat, bFramesAllowed);
        if (profileLevel.IsError)
        {
            throw new CodecException(profileLevel.Error!); // IsError means Error is set
        }

        if (profileLevel.ProfileLevel is { } level)
        {
            props.Add(new PlannedProperty(Keys.ProfileLevel, new VtConstant(level), Fatal: false));
        }

        AddEntropy(o, isH264, baseline, props, warnings);
        AddRateControl(o, settings.Codec, isAppleSilicon, props, warnings);
        if (o.Gop > 0)
        {
            props.Add(new PlannedProperty(Keys.MaxKeyFrameInterval, new VtInt32(o.Gop), Fatal: true));
        }

        if (!bFramesAllowed)
        {
            props.Add(new PlannedProperty(Keys.AllowFrameReordering, new VtBoolean(false), Fatal: false));
        }

        if ((o.Flags & EncoderOptions.FlagClosedGop) != 0)
        {
            props.Add(new PlannedProperty(Keys.AllowOpenGop, new VtBoolean(false), Fatal: false));
        }

        AddLimits(o, isH264, props);
        AddSpeedAndPower(settings, props);
        AddMisc(o, isH264, props);
        var matrix = AddColour(o, props);
        if (o.SarNum > 0 && o.SarDen > 0)
        {
            props.Add(new PlannedProperty(Keys.PixelAspectRatio, new VtPixelAspectRatio(o.SarNum, o.SarDen), Fatal: true));
        }

        return new CompressionPropertyPlan(settings, spec, props, warnings, matrix);
    }

    private static void Validate(EncoderSettings settings)
    {
        if (settings.Width <= 0 || settings.Height <= 0)
        {
            throw new CodecException($"invalid dimensions {settings.Width}x{settings.Height}");
        }

        if (settings.Codec == VideoCodec.H264 && settings.PixelFormat != WirePixelFormat.Nv12)
        {
            throw new CodecException("H.264 accepts NV12 only (P010 needs HEVC)");
        }

        if ((settings.Options.Flags & EncoderOptions.FlagLowDelay) != 0 && settings.Options.Bitrate <= 0)
        {
            throw new CodecException("low_delay requires a bitrate (-b:v)");
        }
    }

    private static List<PlannedProperty> BuildSpecification(EncoderSettings settings, bool isAppleSilicon, List<string> warnings)
    {
        var o = settings.Options;
        var spec = new List<PlannedProperty>();
        if (o.RequireSoftware)
        {
            spec.Add(new PlannedProperty(Keys.EnableHardwareAcceleratedVideoEncoder, new VtBoolean(false), Fatal: true));
        }
        else if (!o.AllowSoftware)
        {
            spec.Add(new PlannedProperty(Keys.RequireHardwareAcceleratedVideoEncoder, new VtBoolean(true), Fatal: true));
        }
        else
        {
            spec.Add(new PlannedProperty(Keys.EnableHardwareAcceleratedVideoEncoder, new VtBoolean(true), Fatal: true));
        }

        if ((o.Flags & EncoderOptions.FlagLowDelay) != 0)
        {
            if (settings.Codec == VideoCodec.H264 || isAppleSilicon)
            {
                spec.Add(new PlannedProperty(Keys.EnableLowLatencyRateControl, new VtBoolean(true), Fatal: true));
            }
            else
            {
                warnings.Add("low_delay: HEVC low-latency rate control needs Apple silicon; ignored");
            }
        }

        return spec;
    }

    private static void AddEntropy(EncoderOptions o, bool isH264, bool baseline, List<PlannedProperty> props, List<string> warnings)
    {
        if (!isH264 || o.Entropy is not (1 or 2))
        {
            return;
        }

        if (o.Entropy == 2 && baseline)
        {
            warnings.Add("CABAC requires main/high profile; using CAVLC defaults");
            return;
        }

        var mode = o.Entropy == 1 ? Keys.EntropyCavlc : Keys.EntropyCabac;
        props.Add(new PlannedProperty(Keys.H264EntropyMode, new VtConstant(mode), Fatal: false));
    }

    private static void AddRateControl(EncoderOptions o, VideoCodec codec, bool isAppleSilicon, List<PlannedProperty> props, List<string> warnings)
    {
        if (QualityTarget.From(o) is { } target)
        {
            if (!isAppleSilicon)
            {
                throw new CodecException("quality mode (-q:v / global_quality / crf) needs Apple silicon");
            }

            // global_quality is VT's own scale; a crf goes through the calibrated curve's inverse.
            warnings.AddRange(target.Warnings);
            props.Add(new PlannedProperty(Keys.Quality, new VtDouble(target.FractionFor(codec)), Fatal: false));
        }
        else if (o.Bitrate > 0)
        {
            var clamped = (int)Math.Min(o.Bitrate, int.MaxValue);
            if (clamped != o.Bitrate)
            {
                warnings.Add($"bitrate {o.Bitrate} clamped to {clamped}");
            }

            if (o.ConstantBitRate)
            {
                AddConstantBitRate(o, codec, clamped, props, warnings);
                return;
            }

            props.Add(new PlannedProperty(Keys.AverageBitRate, new VtInt32(clamped), Fatal: false));
        }

        if (o.MaxRate > 0)
        {
            props.Add(MaxRate(o, codec));
        }
    }

    /// <summary>
    /// kVTCompressionPropertyKey_ConstantBitRate (macOS 13+) "is not compatible with kVTCompressionPropertyKey_DataRateLimits
    /// and kVTCompressionPropertyKey_AverageBitRate" and is refused with kVTPropertyNotSupportedErr by encoders without
    /// CBR (VTCompressionProperties.h). So CBR is never set together with either: with CBR the rate already is the
    /// bitrate and a maxrate is left out with a warning. Where CBR is refused or missing, the bitrate is still honoured
    /// as AverageBitRate, then together with the maxrate the client asked for.
    /// </summary>
    private static void AddConstantBitRate(EncoderOptions o, VideoCodec codec, int bitrate, List<PlannedProperty> props, List<string> warnings)
    {
        List<PlannedProperty> fallback = [new PlannedProperty(Keys.AverageBitRate, new VtInt32(bitrate), Fatal: false)];
        if (o.MaxRate > 0)
        {
            warnings.Add("maxrate not set with constant_bit_rate (DataRateLimits conflicts with ConstantBitRate); used only if CBR is refused");
            fallback.Add(MaxRate(o, codec));
        }

        props.Add(new PlannedProperty(Keys.ConstantBitRate, new VtInt32(bitrate), Fatal: false, fallback));
    }

    private static PlannedProperty MaxRate(EncoderOptions o, VideoCodec codec) =>
        new(Keys.DataRateLimits, new VtDataRateLimits(o.MaxRate / 8, 1.0), Fatal: codec == VideoCodec.H264);

    private static void AddLimits(EncoderOptions o, bool isH264, List<PlannedProperty> props)
    {
        if (o.QMin >= 0)
        {
            props.Add(new PlannedProperty(Keys.MinAllowedFrameQp, new VtInt32(o.QMin), Fatal: true));
        }

        if (o.QMax >= 0)
        {
            props.Add(new PlannedProperty(Keys.MaxAllowedFrameQp, new VtInt32(o.QMax), Fatal: true));
        }

        if (o.MaxRefFrames > 0)
        {
            // Not fatal: dotnet/macios binds ReferenceBufferCount read-only, and an encoder that keeps its own
            // reference count still produces a valid stream; the refusal reaches the client as a warning.
            props.Add(new PlannedProperty(Keys.ReferenceBufferCount, new VtInt32(o.MaxRefFrames), Fatal: false));
        }

        if (isH264 && o.MaxSliceBytes >= 0)
        {
            props.Add(new PlannedProperty(Keys.MaxH264SliceBytes, new VtInt32(o.MaxSliceBytes), Fatal: true));
        }
    }

    private static void AddSpeedAndPower(EncoderSettings settings, List<PlannedProperty> props)
    {
        var o = settings.Options;
        props.Add(new PlannedProperty(Keys.RealTime, new VtBoolean(o.Realtime > 0 || o.Realtime < -1), Fatal: false));
        props.Add(new PlannedProperty(Keys.MaxFrameDelayCount, new VtInt32(MaxFrameDelayCount), Fatal: false));
        if (settings.FrameRate.IsPositive)
        {
            props.Add(new PlannedProperty(Keys.ExpectedFrameRate, new VtDouble(settings.FrameRate.ToDouble()), Fatal: false));
        }

        var prioritizeSpeed = o.PrioritizeSpeed == 1 || (o.PrioritizeSpeed < 0 && o.Realtime != 1);
        if (prioritizeSpeed)
        {
            props.Add(new PlannedProperty(Keys.PrioritizeEncodingSpeedOverQuality, new VtBoolean(true), Fatal: false));
        }

        props.Add(new PlannedProperty(Keys.MaximizePowerEfficiency, new VtBoolean(o.PowerEfficient > 0 || o.PowerEfficient < -1), Fatal: false));
        if (o.SpatialAq >= 0)
        {
            var level = o.SpatialAq == 0 ? Keys.QpModulationLevelDisable : Keys.QpModulationLevelDefault;
            props.Add(new PlannedProperty(Keys.SpatialAdaptiveQpLevel, new VtInt32(level), Fatal: false));
        }
    }

    private static void AddMisc(EncoderOptions o, bool isH264, List<PlannedProperty> props)
    {
        if (o.FramesBefore)
        {
            props.Add(new PlannedProperty(Keys.MoreFramesBeforeStart, new VtBoolean(true), Fatal: false));
        }

        if (o.FramesAfter)
        {
            props.Add(new PlannedProperty(Keys.MoreFramesAfterEnd, new VtBoolean(true), Fatal: false));
        }

        if (!isH264 && o.AlphaQuality > 0)
        {
            props.Add(new PlannedProperty(Keys.TargetQualityForAlpha, new VtDouble(o.AlphaQuality), Fatal: false));
        }
    }

    private static VtSymbol? AddColour(EncoderOptions o, List<PlannedProperty> props)
    {
        if (ColorTagMapper.Primaries(o.ColorPrimaries) is { } primaries)
        {
            props.Add(new PlannedProperty(Keys.ColorPrimaries, new VtConstant(primaries), Fatal: false));
        }

        if (ColorTagMapper.Transfer(o.ColorTransfer) is { } transfer)
        {
            props.Add(new PlannedProperty(Keys.TransferFunction, new VtConstant(transfer.Function), Fatal: false));
            if (transfer.GammaLevel is { } gamma)
            {
                props.Add(new PlannedProperty(Keys.GammaLevel, new VtDouble(gamma), Fatal: false));
            }
        }

        var matrix = ColorTagMapper.Matrix(o.ColorSpace);
        if (matrix is { } m)
        {
            props.Add(new PlannedProperty(Keys.YCbCrMatrix, new VtConstant(m), Fatal: false));
        }

        AddHdr(o, props);
        return matrix;
    }

    /// <summary>HDR10 static metadata: VideoToolbox takes the SEI payloads themselves as CFData and writes them into the
    /// SEI (HEVC) and the output format description. Not fatal: an encoder without them still encodes the picture.</summary>
    private static void AddHdr(EncoderOptions o, List<PlannedProperty> props)
    {
        if (o.MasteringDisplay is { } display)
        {
            props.Add(new PlannedProperty(Keys.MasteringDisplayColorVolume, new VtData([.. display.ToPayload()]), Fatal: false));
        }

        if (o.ContentLight is { } light)
        {
            props.Add(new PlannedProperty(Keys.ContentLightLevelInfo, new VtData([.. light.ToPayload()]), Fatal: false));
        }
    }
}
