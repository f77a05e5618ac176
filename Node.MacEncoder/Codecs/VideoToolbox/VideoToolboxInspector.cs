using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Vtr.Node.Codecs.Diagnostics;
using Vtr.Node.Codecs.SelfTest;
using Vtr.Node.Codecs.VideoToolbox.Interop;
using Vtr.Shared.Media;

namespace Vtr.Node.Codecs.VideoToolbox;

/// <summary>
/// The VideoToolbox-only checks of `vtr doctor` for one codec variant, answering the points a Linux audit could not
/// settle: does the node's 64×64 start-up probe open, does a hardware-only decoder session open, which properties
/// does the encoder support (and which of the plan's are read-only), and do callbacks stop after invalidation.
/// </summary>
[SupportedOSPlatform("macos")]
public static unsafe class VideoToolboxInspector
{
    /// <summary>How long to watch for output callbacks after VTCompressionSessionInvalidate returned.</summary>
    public static readonly TimeSpan LateCallbackWindow = TimeSpan.FromMilliseconds(500);

    private const int FramesInFlight = 6;

    private static readonly VtSymbol RequireHardwareDecoder =
        new("kVTVideoDecoderSpecification_RequireHardwareAcceleratedVideoDecoder", VtFramework.VideoToolbox);

    public static IEnumerable<Finding> Inspect(CodecVariant variant, SelfTestOptions clip)
    {
        ArgumentNullException.ThrowIfNull(variant);
        ArgumentNullException.ThrowIfNull(clip);
        var subject = $"{VideoToolboxBackend.BackendName} {variant.Name}";
        var appleSilicon = RuntimeInformation.ProcessArchitecture == Architecture.Arm64;
        yield return Attempt(subject + " 64x64 start-up probe", () =>
        {
            using var probe = VideoToolboxEncoder.Create(VideoToolboxBackend.ProbeSettings(variant.Codec) with { PixelFormat = variant.PixelFormat }, appleSilicon);
            return new Finding(FindingLevel.Ok, string.Empty, "opens (the size `vtr node` probes at start)");
        });

        var settings = new EncoderSettings(variant.Codec, clip.Width, clip.Height, variant.PixelFormat, new Rational(1, 30),
            new Rational(30, 1), new EncoderOptions { Bitrate = clip.Bitrate, Gop = 60, Realtime = 0, Entropy = 0 });
        VideoToolboxEncoder? encoder = null;
        var opened = Attempt(subject + " hardware encoder", () =>
        {
            encoder = VideoToolboxEncoder.Create(settings, appleSilicon);
            return new Finding(FindingLevel.Ok, string.Empty, "session opens with RequireHardwareAcceleratedVideoEncoder");
        });
        yield return opened;
        if (encoder is null)
        {
            yield break;
        }

        using (encoder)
        {
            yield return Attempt(subject + " hardware decoder", () => OpenHardwareDecoder(variant.Codec, encoder.DecoderConfigurationRecord.ToArray()));
            foreach (var finding in PropertyFindings(subject, encoder))
            {
                yield return finding;
            }

            yield return Attempt(subject + " callbacks after invalidate", () => LateCallbacks(encoder, clip, variant));
        }
    }

    private static List<Finding> PropertyFindings(string subject, VideoToolboxEncoder encoder)
    {
        IReadOnlyList<VtSupportedProperty> properties;
        try
        {
            properties = encoder.CopySupportedProperties();
        }
        catch (CodecException ex)
        {
            return [new Finding(FindingLevel.Fail, subject + " supported properties", ex.Message)];
        }

        var findings = new List<Finding>();
        foreach (var property in properties.Where(p => p.UsedByPlan))
        {
            var state = !property.Supported ? "not supported" : property.ReadOnly ? "supported, read-only" : "supported, read-write";
            findings.Add(new Finding(FindingLevel.Info, $"{subject} property {property.Name}", state + " [plan]"));
        }

        var others = properties.Where(p => !p.UsedByPlan).Select(p => p.ReadOnly ? p.Name + " (ro)" : p.Name).Order(StringComparer.Ordinal).ToList();
        findings.Add(new Finding(FindingLevel.Info, $"{subject} other supported properties", $"{others.Count}: {string.Join(", ", others)}"));
        return findings;
    }

    private static Finding OpenHardwareDecoder(VideoCodec codec, byte[] extradata)
    {
        var sets = new ParameterSetGathering(codec);
        sets.Add(SampleBufferPayload.ParameterSetsFromExtradata(codec, extradata, out _));
        if (!sets.IsComplete)
        {
            return new Finding(FindingLevel.Fail, string.Empty, $"the encoder's decoder configuration lacks {sets.Missing}");
        }

        using var format = SampleBufferFactory.CreateFormat(codec, sets.ParameterSets);
        using var specification = CFValues.CreateDictionary([new PlannedProperty(RequireHardwareDecoder, new VtBoolean(true), Fatal: true)]);
        nint session = 0;
        // outputCallback NULL is allowed when no frame is decoded through it (VTDecompressionSession.h); none is.
        var status = VideoToolboxNative.VTDecompressionSessionCreate(0, format.DangerousGetHandle(), specification.DangerousGetHandle(), 0, null, &session);
        GC.KeepAlive(format);
        GC.KeepAlive(specification);
        VideoToolboxNative.Check(status, "VTDecompressionSessionCreate (hardware required)");
        using var owned = SafeVTDecompressionSessionHandle.Own(session);
        return new Finding(FindingLevel.Ok, string.Empty, "session opens with RequireHardwareAcceleratedVideoDecoder");
    }

    private static Finding LateCallbacks(VideoToolboxEncoder encoder, SelfTestOptions clip, CodecVariant variant)
    {
        var pattern = new TestPattern(clip.Width, clip.Height);
        var frames = new TestPatternFrames(pattern, variant.PixelFormat);
        for (var i = 0; i < FramesInFlight; i++)
        {
            _ = encoder.Submit(frames.Render(i));
        }

        var late = encoder.InvalidateAndCountLateCallbacks(LateCallbackWindow);
        return late == 0
            ? new Finding(FindingLevel.Ok, string.Empty, $"none within {LateCallbackWindow.TotalMilliseconds:0} ms of invalidating with {FramesInFlight} frames submitted")
            : new Finding(FindingLevel.Fail, string.Empty, $"{late} output callback(s) arrived after VTCompressionSessionInvalidate returned; the node could crash on session close");
    }

    private static Finding Attempt(string subject, Func<Finding> check)
    {
        try
        {
            return check() with { Subject = subject };
        }
        catch (CodecException ex)
        {
            return new Finding(FindingLevel.Fail, subject, ex.Message);
        }
    }
}
