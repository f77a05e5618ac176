using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Vtr.Node.Codecs.VideoToolbox.Interop;
using Vtr.Shared.Media;

namespace Vtr.Node.Codecs.VideoToolbox;

/// <summary>Session creation, property application and the output trampoline.</summary>
public sealed unsafe partial class VideoToolboxEncoder
{
    private SafeVTCompressionSessionHandle CreateSession(List<string>? warnings)
    {
        var settings = _plan.Settings;
        using var specification = CFValues.CreateDictionary(_plan.EncoderSpecification);
        using var attributes = PixelBufferWriter.CreateSourceAttributes(_plan);
        nint session = 0;
        var status = VideoToolboxNative.VTCompressionSessionCreate(0, settings.Width, settings.Height, _plan.CodecType,
            specification.DangerousGetHandle(), attributes.DangerousGetHandle(), 0, &OnOutput,
            (void*)GCHandle.ToIntPtr(_self), &session);
        GC.KeepAlive(specification);
        GC.KeepAlive(attributes);
        VideoToolboxNative.Check(status, "VTCompressionSessionCreate");
        var owned = SafeVTCompressionSessionHandle.Own(session);
        try
        {
            var target = new VtSessionProperties(owned);
            foreach (var property in _plan.Properties)
            {
                PlannedPropertyApplier.Apply(target, property, warnings);
            }

            VideoToolboxNative.Check(VideoToolboxNative.VTCompressionSessionPrepareToEncodeFrames(owned),
                "VTCompressionSessionPrepareToEncodeFrames");
            return owned;
        }
        catch
        {
            owned.Dispose();
            throw;
        }
    }

    /// <summary>
    /// WIRE.md §6.5 needs the avcC/hvcC before the first frame. Like FFmpeg's videotoolboxenc
    /// (vtenc_populate_extradata) we encode one black frame in a second, identically configured session and
    /// read its format description, so the real session's timestamps and first keyframe stay untouched.
    /// </summary>
    private void CaptureDecoderConfiguration()
    {
        using var warmup = CreateSession(warnings: null);
        var settings = _plan.Settings;
        var bps = PixelFormatCodes.BytesPerSample(settings.PixelFormat);
        var stride = settings.Width * bps;
        var luma = new byte[stride * settings.Height];
        var chroma = new byte[stride * (settings.Height / 2)];
        var blackLuma = settings.PixelFormat == WirePixelFormat.P010 ? (byte)0 : (byte)16;
        Array.Fill(luma, blackLuma);
        Array.Fill(chroma, settings.PixelFormat == WirePixelFormat.P010 ? (byte)0 : (byte)128);
        var frame = new RawVideoFrame(0, 0, true, new PlaneView(luma, stride, settings.Height),
            new PlaneView(chroma, stride, settings.Height / 2));
        _ = Encode(warmup, frame, _forceKeyFrame!, keyframe: false, WarmupFrame); // set in Create before this call; a dropped warmup leaves the record empty
        VideoToolboxNative.Check(VideoToolboxNative.VTCompressionSessionCompleteFrames(warmup, CMTime.Invalid),
            "VTCompressionSessionCompleteFrames (warmup)");
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnOutput(void* outputCallbackRefCon, void* sourceFrameRefCon, int status, uint infoFlags, nint sampleBuffer)
    {
        VideoToolboxEncoder? encoder = null;
        try
        {
            encoder = GCHandle.FromIntPtr((nint)outputCallbackRefCon).Target as VideoToolboxEncoder;
            encoder?.NoteCallback();
            encoder?.HandleOutput((nint)sourceFrameRefCon, status, infoFlags, sampleBuffer);
        }
        catch (Exception ex)
        {
            // No exception may cross into VideoToolbox: the failure surfaces on the owner's next call.
            encoder?._queue.Fail((nint)sourceFrameRefCon, "encoder output failed: " + ex.Message);
        }
    }

    private void HandleOutput(nint ticket, int status, uint infoFlags, nint sampleBuffer)
    {
        if (ticket == WarmupFrame)
        {
            if (status == VtStatus.NoErr && sampleBuffer != 0)
            {
                Volatile.Write(ref _decoderConfigurationRecord, SampleBufferReader.ReadDecoderConfiguration(_codec, sampleBuffer, out _));
            }

            return;
        }

        if (status != VtStatus.NoErr)
        {
            _queue.Fail(ticket, $"VideoToolbox encode failed: {VtStatus.Describe(status)} ({status})");
            return;
        }

        if (sampleBuffer == 0 || (infoFlags & VideoToolboxNative.EncodeInfoFrameDropped) != 0)
        {
            _queue.Complete(ticket, null);
            return;
        }

        _queue.Complete(ticket, SampleBufferReader.ReadPacket(_codec, sampleBuffer, _time));
    }
}
