using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Vtr.Node.Codecs.VideoToolbox.Interop;
using Vtr.Shared.Media;

namespace Vtr.Node.Codecs.VideoToolbox;

/// <summary>
/// One VTCompressionSession driven through the send/receive contract. Output callbacks run on VideoToolbox
/// threads: they copy each sample into an <see cref="EncodedPacket"/> and hand it to a bounded
/// <see cref="HandOffQueue{T}"/> that <see cref="Receive"/> drains. Not thread-safe for its owner.
/// </summary>
[SupportedOSPlatform("macos")]
public sealed unsafe partial class VideoToolboxEncoder : IVideoEncoder
{
    /// <summary>Frames in flight plus packets waiting; above MaxFrameDelayCount (8) so the encoder never starves.</summary>
    public const int QueueCapacity = 32;

    /// <summary>The warmup frame's sourceFrameRefCon; real frames carry their queue ticket, which is positive.</summary>
    private const nint WarmupFrame = -1;

    private readonly CompressionPropertyPlan _plan;
    private readonly VtTimestampConverter _time;
    private readonly HandOffQueue<EncodedPacket> _queue = EncodedPacketHandOff.Create(QueueCapacity);
    private readonly List<string> _warnings;
    private readonly VideoCodec _codec;
    private GCHandle _self;
    private SafeVTCompressionSessionHandle? _session;
    private SafeCFTypeHandle? _forceKeyFrame;
    private byte[] _decoderConfigurationRecord = [];
    private bool _flushed;

    private VideoToolboxEncoder(CompressionPropertyPlan plan)
    {
        _plan = plan;
        _codec = plan.Settings.Codec;
        _time = new VtTimestampConverter(plan.Settings.TimeBase);
        _warnings = [.. plan.Warnings];
        _self = GCHandle.Alloc(this); // rooted until Dispose: VT holds its address as the callback refcon
    }

    public ReadOnlyMemory<byte> DecoderConfigurationRecord => Volatile.Read(ref _decoderConfigurationRecord);

    public IReadOnlyList<string> Warnings => _warnings;

    /// <summary>Creates the session, applies the plan and captures the avcC/hvcC with a throw-away warmup session.</summary>
    public static VideoToolboxEncoder Create(EncoderSettings settings, bool isAppleSilicon)
    {
        var plan = CompressionPropertyPlan.Create(settings, isAppleSilicon);
        var encoder = new VideoToolboxEncoder(plan);
        try
        {
            encoder._session = encoder.CreateSession(encoder._warnings);
            encoder._forceKeyFrame = CreateForceKeyFrameProperties();
            encoder.CaptureDecoderConfiguration();
            return encoder;
        }
        catch
        {
            encoder.Dispose();
            throw;
        }
    }

    public SubmitResult Submit(in RawVideoFrame frame)
    {
        ObjectDisposedException.ThrowIf(_session is null, this);
        if (_flushed)
        {
            throw new InvalidOperationException("Submit after Flush");
        }

        if (!_queue.TryReserve(out var ticket))
        {
            return SubmitResult.NeedsDrain;
        }

        VtEncodeInfoFlags infoFlags;
        try
        {
            infoFlags = Encode(_session, frame, _forceKeyFrame!, frame.ForceKeyframe, sourceFrameRefCon: ticket); // created with the session
        }
        catch
        {
            _queue.Release(ticket);
            throw;
        }

        _queue.Submitted(ticket, infoFlags);
        return SubmitResult.Accepted;
    }

    public ReceiveResult Receive(out EncodedPacket? packet) => _queue.Receive(out packet);

    public void Flush()
    {
        ObjectDisposedException.ThrowIf(_session is null, this);
        if (_flushed)
        {
            return;
        }

        _flushed = true;
        VideoToolboxNative.Check(VideoToolboxNative.VTCompressionSessionCompleteFrames(_session, CMTime.Invalid),
            "VTCompressionSessionCompleteFrames");
        _queue.MarkFlushed();
    }

    public void Dispose()
    {
        _session?.Dispose(); // invalidates first: no callback runs after this returns
        _session = null;
        _forceKeyFrame?.Dispose();
        _queue.Dispose();
        if (_self.IsAllocated)
        {
            _self.Free();
        }
    }

    /// <summary>Encodes one frame and returns VTCompressionSessionEncodeFrame's infoFlagsOut.</summary>
    private VtEncodeInfoFlags Encode(SafeVTCompressionSessionHandle session, in RawVideoFrame frame, SafeCFTypeHandle forceKeyFrame,
        bool keyframe, nint sourceFrameRefCon)
    {
        using var pixelBuffer = PixelBufferWriter.Create(session, _plan, frame);
        uint infoFlags = 0;
        var status = VideoToolboxNative.VTCompressionSessionEncodeFrame(session, pixelBuffer.DangerousGetHandle(),
            _time.ToCMTime(frame.Pts), CMTime.Invalid, keyframe ? forceKeyFrame.DangerousGetHandle() : 0,
            (void*)sourceFrameRefCon, &infoFlags);
        GC.KeepAlive(pixelBuffer);
        GC.KeepAlive(forceKeyFrame);
        VideoToolboxNative.Check(status, "VTCompressionSessionEncodeFrame");
        return (VtEncodeInfoFlags)infoFlags;
    }

    private static SafeCFTypeHandle CreateForceKeyFrameProperties() => CFValues.CreateDictionary(
    [
        new PlannedProperty(new VtSymbol("kVTEncodeFrameOptionKey_ForceKeyFrame", VtFramework.VideoToolbox), new VtBoolean(true), Fatal: true),
    ]);
}
