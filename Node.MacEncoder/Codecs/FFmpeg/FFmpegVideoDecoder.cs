using System.Runtime.InteropServices;
using Vtr.Node.Codecs.FFmpeg.Interop;
using Vtr.Shared.Media;

namespace Vtr.Node.Codecs.FFmpeg;

/// <summary>
/// libavcodec's native h264/hevc decoder. Input is Annex B (parameter sets in-band, or from the CONFIGURE
/// extradata, which is converted from avcC/hvcC to Annex B and installed as the context's extradata).
/// Output is NV12 or P010 in pooled memory; pts and duration come back exactly as they went in.
/// </summary>
public sealed unsafe class FFmpegVideoDecoder : IVideoDecoder
{
    private readonly FFmpegRuntime _runtime;
    private readonly AvLayout _layout;
    private readonly SafeCodecContextHandle _context;
    private readonly SafeFrameHandle _frame;
    private readonly SafePacketHandle _packet;
    private readonly PtsDurationRing _durations = new();
    private readonly WirePixelFormat _output;
    private bool _flushed;
    private bool _endOfStream;
    private bool _disposed;

    public FFmpegVideoDecoder(DecoderSettings settings, FFmpegBackendOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        options ??= FFmpegBackendOptions.Default;
        _runtime = FFmpegRuntime.Load();
        _layout = _runtime.Layout;
        _output = settings.OutputPixelFormat;
        var name = settings.Codec.ToWireName();
        var codec = AvCodecNative.avcodec_find_decoder_by_name(name);
        if (codec == 0)
        {
            throw new CodecException($"decoder {name} is not available in this FFmpeg ({_runtime.VersionText})");
        }

        _context = AvCodecNative.avcodec_alloc_context3(codec);
        try
        {
            if (_context.IsInvalid)
            {
                throw new FFmpegException("avcodec_alloc_context3 returned NULL");
            }

            // Lock-step clients wait for each picture: slice threads add no delay, frame threads add one per thread.
            SetOption("thread_type", "slice");
            SetOption("threads", options.Threads.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (options.DecodeInDecodeOrder)
            {
                SetOption("flags", "+low_delay");
            }

            var parameterSets = DecoderExtradata.ToAnnexB(settings.Codec, settings.Extradata.Span);
            if (parameterSets.Length > 0)
            {
                InstallExtradata(parameterSets);
            }

            var none = (nint)0;
            FFmpegException.ThrowIfError(AvCodecNative.avcodec_open2(_context, codec, ref none), $"avcodec_open2({name})");
            _frame = AvUtilNative.av_frame_alloc();
            _packet = AvCodecNative.av_packet_alloc();
            if (_frame.IsInvalid || _packet.IsInvalid)
            {
                throw new FFmpegException("av_frame_alloc/av_packet_alloc returned NULL");
            }
        }
        catch
        {
            _frame?.Dispose();
            _packet?.Dispose();
            _context.Dispose();
            throw;
        }
    }

    public SubmitResult Submit(in EncodedPacketInput packet)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_flushed)
        {
            throw new InvalidOperationException("Submit after Flush");
        }

        if (packet.Data.IsEmpty)
        {
            // An empty packet would mean "drain" to libavcodec; on the wire it carries nothing to decode.
            return SubmitResult.Accepted;
        }

        FFmpegException.ThrowIfError(AvCodecNative.av_new_packet(_packet, packet.Data.Length), "av_new_packet");
        try
        {
            var p = _packet.DangerousGetHandle();
            packet.Data.Span.CopyTo(new Span<byte>(AvFields.PacketData(_layout, p), packet.Data.Length));
            AvFields.SetPacketTiming(_layout, p, packet.Pts, packet.Dts, packet.Duration,
                packet.IsKeyframe ? AvLayout.PacketFlagKey : 0);
            var result = AvCodecNative.avcodec_send_packet(_context, _packet);
            if (result == _runtime.ErrorAgain)
            {
                return SubmitResult.NeedsDrain;
            }

            FFmpegException.ThrowIfError(result, "avcodec_send_packet");
            _durations.Add(packet.Pts, packet.Duration);
            return SubmitResult.Accepted;
        }
        finally
        {
            AvCodecNative.av_packet_unref(_packet);
        }
    }

    public ReceiveResult Receive(out DecodedPicture? picture)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        picture = null;
        if (_endOfStream)
        {
            return ReceiveResult.EndOfStream;
        }

        var result = AvCodecNative.avcodec_receive_frame(_context, _frame);
        if (result == _runtime.ErrorAgain)
        {
            return ReceiveResult.NeedsInput;
        }

        if (result == FFmpegRuntime.ErrorEof)
        {
            _endOfStream = true;
            return ReceiveResult.EndOfStream;
        }

        FFmpegException.ThrowIfError(result, "avcodec_receive_frame");
        try
        {
            var f = _frame.DangerousGetHandle();
            var pts = AvFields.FramePts(_layout, f);
            picture = DecodedPictureWriter.Write(_runtime, f, _output, pts, _durations.Find(pts));
            return ReceiveResult.Output;
        }
        finally
        {
            AvUtilNative.av_frame_unref(_frame);
        }
    }

    public void Flush()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_flushed)
        {
            return;
        }

        _flushed = true;
        FFmpegException.ThrowIfError(AvCodecNative.avcodec_send_packet_flush(_context, 0), "avcodec_send_packet(NULL)");
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _packet.Dispose();
        _frame.Dispose();
        _context.Dispose();
    }

    private void SetOption(string name, string value) =>
        FFmpegException.ThrowIfError(AvUtilNative.av_opt_set(_context, name, value, 0), $"decoder option {name}={value}");

    /// <summary>
    /// AVCodecContext.extradata has no AVOption, so it travels through AVCodecParameters (a stable layout):
    /// copy the context out, attach an av_malloc'd, zero-padded copy, and copy it back in.
    /// </summary>
    private void InstallExtradata(byte[] annexB)
    {
        const int Padding = 64; // AV_INPUT_BUFFER_PADDING_SIZE
        var parameters = AvCodecNative.avcodec_parameters_alloc();
        if (parameters == 0)
        {
            throw new FFmpegException("avcodec_parameters_alloc returned NULL");
        }

        try
        {
            FFmpegException.ThrowIfError(AvCodecNative.avcodec_parameters_from_context(parameters, _context),
                "avcodec_parameters_from_context");
            var data = AvUtilNative.av_mallocz((nuint)(annexB.Length + Padding));
            if (data == 0)
            {
                throw new FFmpegException("av_mallocz returned NULL");
            }

            Marshal.Copy(annexB, 0, data, annexB.Length);
            AvFields.SetParametersExtradata(_layout, parameters, data, annexB.Length);
            FFmpegException.ThrowIfError(AvCodecNative.avcodec_parameters_to_context(_context, parameters),
                "avcodec_parameters_to_context");
        }
        finally
        {
            // Frees the extradata copy too; the context holds its own.
            AvCodecNative.avcodec_parameters_free(ref parameters);
        }
    }
}
