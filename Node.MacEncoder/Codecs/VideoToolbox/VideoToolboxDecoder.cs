using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Vtr.Node.Codecs.VideoToolbox.Interop;
using Vtr.Shared.Media;

namespace Vtr.Node.Codecs.VideoToolbox;

/// <summary>
/// One VTDecompressionSession. Like the original server it decodes synchronously (DecodeFrame, then
/// WaitForAsynchronousFrames) and emits pictures in decode order; pts and duration are opaque ticks.
/// </summary>
[SupportedOSPlatform("macos")]
public sealed unsafe class VideoToolboxDecoder : IVideoDecoder
{
    public const int QueueCapacity = 16;

    private readonly DecoderSettings _settings;
    private readonly HandOffQueue<DecodedPicture> _queue = new(QueueCapacity);
    private readonly ParameterSetGathering _parameterSets;
    private GCHandle _self;
    private SafeCFTypeHandle? _format;
    private SafeVTDecompressionSessionHandle? _session;
    private bool _flushed;

    private VideoToolboxDecoder(DecoderSettings settings)
    {
        _settings = settings;
        _parameterSets = new ParameterSetGathering(settings.Codec.AsVideoCodec);
        _self = GCHandle.Alloc(this); // rooted until Dispose: VT holds its address as the callback refcon
    }

    public static VideoToolboxDecoder Create(DecoderSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var decoder = new VideoToolboxDecoder(settings);
        try
        {
            decoder._parameterSets.Add(SampleBufferPayload.ParameterSetsFromExtradata(settings.Codec.AsVideoCodec, settings.Extradata.Span, out _));
            if (decoder._parameterSets.IsComplete)
            {
                decoder.Open(decoder._parameterSets.ParameterSets);
            }

            return decoder;
        }
        catch
        {
            decoder.Dispose();
            throw;
        }
    }

    public SubmitResult Submit(in EncodedPacketInput packet)
    {
        if (_flushed)
        {
            throw new InvalidOperationException("Submit after Flush");
        }

        if (_queue.IsFull)
        {
            return SubmitResult.NeedsDrain;
        }

        if (_session is null)
        {
            switch (_parameterSets.Offer(packet.Data.Span))
            {
                case GatheringOutcome.Waiting:
                    return SubmitResult.Accepted; // parameter sets only, and not all of them yet
                case GatheringOutcome.PictureBeforeParameterSets:
                    throw new CodecException(
                        $"decoder got a picture before its parameter sets (missing {_parameterSets.Missing}); send them as extradata or in-band first");
                default:
                    Open(_parameterSets.ParameterSets);
                    break;
            }
        }

        var length = SampleBufferPayload.ToSample(_settings.Codec.AsVideoCodec, packet.Data.Span, 4, out var owner);
        using (owner)
        {
            if (length == 0)
            {
                return SubmitResult.Accepted; // parameter sets only: nothing to decode
            }

            var timing = new CMSampleTimingInfo
            {
                Duration = packet.Duration > 0 ? new CMTime(packet.Duration, 1) : CMTime.Invalid,
                PresentationTimeStamp = new CMTime(packet.Pts, 1),
                DecodeTimeStamp = new CMTime(packet.Dts, 1),
            };
            using var sample = SampleBufferFactory.Create(owner.Memory.Span[..length], _format!, timing); // set by Open
            uint infoFlags = 0;
            var status = VideoToolboxNative.VTDecompressionSessionDecodeFrame(_session!, sample.DangerousGetHandle(), 0, null, &infoFlags);
            GC.KeepAlive(sample);
            VideoToolboxNative.Check(status, "VTDecompressionSessionDecodeFrame");
            VideoToolboxNative.Check(VideoToolboxNative.VTDecompressionSessionWaitForAsynchronousFrames(_session!),
                "VTDecompressionSessionWaitForAsynchronousFrames");
        }

        return SubmitResult.Accepted;
    }

    public ReceiveResult Receive(out DecodedPicture? picture) => _queue.Receive(out picture);

    /// <summary>Without kVTDecodeFrame_EnableTemporalProcessing VideoToolbox emits frames in decode order.</summary>
    public bool OutputsInDecodeOrder => true;

    public void Flush()
    {
        if (_flushed)
        {
            return;
        }

        _flushed = true;
        if (_session is not null)
        {
            _ = VideoToolboxNative.VTDecompressionSessionFinishDelayedFrames(_session);
            _ = VideoToolboxNative.VTDecompressionSessionWaitForAsynchronousFrames(_session);
        }

        _queue.MarkFlushed();
    }

    public void Dispose()
    {
        _session?.Dispose();
        _session = null;
        _format?.Dispose();
        _queue.Dispose();
        if (_self.IsAllocated)
        {
            _self.Free();
        }
    }

    private void Open(IReadOnlyList<byte[]> parameterSets)
    {
        _format = SampleBufferFactory.CreateFormat(_settings.Codec.AsVideoCodec, parameterSets);
        using var attributes = CoreFoundationNative.CreateMutableDictionary();
        using var pixelFormat = CoreFoundationNative.CreateNumber(unchecked((int)PixelFormatCodes.ForWire(_settings.OutputPixelFormat)));
        CoreFoundationNative.SetValue(attributes, VtExports.ValueOf("kCVPixelBufferPixelFormatTypeKey", VtFramework.CoreVideo), pixelFormat);
        var callback = new VTDecompressionOutputCallbackRecord
        {
            DecompressionOutputCallback = &OnOutput,
            DecompressionOutputRefCon = (void*)GCHandle.ToIntPtr(_self),
        };
        nint session = 0;
        var status = VideoToolboxNative.VTDecompressionSessionCreate(0, _format.DangerousGetHandle(), 0, attributes.DangerousGetHandle(), &callback, &session);
        GC.KeepAlive(_format);
        GC.KeepAlive(attributes);
        VideoToolboxNative.Check(status, "VTDecompressionSessionCreate");
        _session = SafeVTDecompressionSessionHandle.Own(session);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnOutput(void* refCon, void* sourceFrameRefCon, int status, uint infoFlags, nint imageBuffer, CMTime pts, CMTime duration)
    {
        VideoToolboxDecoder? decoder = null;
        try
        {
            decoder = GCHandle.FromIntPtr((nint)refCon).Target as VideoToolboxDecoder;
            if (decoder is null)
            {
                return;
            }

            if (status != VtStatus.NoErr)
            {
                decoder._queue.Fail($"VideoToolbox decode failed: {VtStatus.Describe(status)} ({status})");
            }
            else if (imageBuffer != 0 && (infoFlags & VideoToolboxNative.DecodeInfoFrameDropped) == 0)
            {
                decoder._queue.Add(decoder.CopyPicture(imageBuffer, pts, duration));
            }
        }
        catch (Exception ex)
        {
            // No exception may cross into VideoToolbox: the failure surfaces on the owner's next Receive.
            decoder?._queue.Fail("decoder output failed: " + ex.Message);
        }
    }

    private DecodedPicture CopyPicture(nint imageBuffer, CMTime pts, CMTime duration)
    {
        VideoToolboxNative.Check(CoreVideoNative.CVPixelBufferLockBaseAddress(imageBuffer, CoreVideoNative.LockReadOnly), "CVPixelBufferLockBaseAddress");
        try
        {
            var luma = CoreVideoNative.Plane(imageBuffer, 0, out var lumaStride, out var lumaHeight);
            var chroma = CoreVideoNative.Plane(imageBuffer, 1, out var chromaStride, out var chromaHeight);
            var owner = MemoryPool<byte>.Shared.Rent(Math.Max(luma.Length + chroma.Length, 1));
            luma.CopyTo(owner.Memory.Span);
            chroma.CopyTo(owner.Memory.Span[luma.Length..]);
            var ptsTicks = pts.IsNumeric && pts.Timescale == 1 ? pts.Value : 0;
            var durationTicks = duration.IsNumeric && duration.Timescale == 1 ? duration.Value : 0;
            return new DecodedPicture(owner, _settings.OutputPixelFormat,
                (int)CoreVideoNative.CVPixelBufferGetWidth(imageBuffer), (int)CoreVideoNative.CVPixelBufferGetHeight(imageBuffer),
                lumaStride, lumaHeight, chromaStride, chromaHeight, ptsTicks, durationTicks);
        }
        finally
        {
            _ = CoreVideoNative.CVPixelBufferUnlockBaseAddress(imageBuffer, CoreVideoNative.LockReadOnly);
        }
    }
}
