using Vtr.Native.FFmpeg;
using Vtr.Shared.Bitstream;
using Vtr.Shared.Media;

namespace Vtr.Node.Codecs.FFmpeg;

/// <summary>
/// A libavcodec decoder: the native h264/hevc decoder with Annex B input (parameter sets in-band, or from the CONFIGURE
/// extradata, which is converted from avcC/hvcC to Annex B and installed as the context's extradata), or, for a
/// transcode source in any other codec (ProRes, DNxHR, MPEG-2, ...), that codec's decoder fed the container's packets
/// and extradata as they are. Output is NV12 or P010 in pooled memory (other pixel formats through
/// <see cref="PictureScaler"/>); pts and duration come back exactly as they went in.
/// With <see cref="DecoderSettings.OutputInDecodeOrder"/> every packet's picture comes out right after the packet,
/// in decode order: HEVC by rewriting the SPS NALs it sees to reorder depth 0 (<see cref="DecodeOrderParameterSets"/>),
/// H.264 by taking each picture as libavcodec allocates it (<see cref="H264DecodeOrderOutput"/>); the display-order
/// output is then drained and dropped.
/// </summary>
public sealed unsafe class FFmpegVideoDecoder : IVideoDecoder
{
    private readonly FFmpegRuntime _runtime;
    private readonly AvLayout _layout;
    private readonly FFmpegCodecSession _session;
    private readonly PtsDurationRing _durations = new();
    private readonly WirePixelFormat _output;
    private readonly VideoCodec? _annexBCodec;
    private readonly PictureScaler _scaler;
    private readonly DecodeOrderParameterSets? _decodeOrder;
    private H264DecodeOrderOutput? _h264DecodeOrder;

    public FFmpegVideoDecoder(DecoderSettings settings, FFmpegBackendOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        options ??= FFmpegBackendOptions.Default;
        _runtime = CodecRuntime.Load();
        _layout = _runtime.Layout;
        _output = settings.OutputPixelFormat;
        _annexBCodec = settings.Codec.TryGetVideoCodec(out var annexB) ? annexB : null;
        // Decode order matters only to VTR1 decode sessions, which are H.264/HEVC.
        var inDecodeOrder = _annexBCodec is not null && (settings.OutputInDecodeOrder || options.DecodeInDecodeOrder);
        _decodeOrder = inDecodeOrder && DecodeOrderParameterSets.Supports(annexB) ? new DecodeOrderParameterSets(annexB) : null;
        var name = settings.Codec.ToWireName();
        var codec = SourceDecoders.Find(name);
        if (codec == 0)
        {
            throw new CodecException($"decoder {name} is not available in this FFmpeg ({_runtime.VersionText})");
        }

        _scaler = new PictureScaler(_runtime);

        try
        {
            _session = FFmpegCodecSession.Open(_runtime, codec, name, optionOwner: "decoder", optionSearchFlags: 0, configure: session =>
            {
                // Lock-step clients wait for each picture: slice threads add no delay, frame threads add one per
                // thread (and would decode a packet after avcodec_send_packet returns, which the capture relies on).
                session.SetOption("thread_type", "slice");
                session.SetOption("threads", options.Threads.ToString(System.Globalization.CultureInfo.InvariantCulture));
                _h264DecodeOrder = inDecodeOrder && annexB == VideoCodec.H264
                    ? H264DecodeOrderOutput.Install(_runtime, _output, session.Context)
                    : null;
                if (inDecodeOrder && _h264DecodeOrder is null)
                {
                    session.SetOption("flags", "+low_delay");
                }

                var parameterSets = _annexBCodec is { } nalCodec
                    ? DecoderExtradata.ToAnnexB(nalCodec, settings.Extradata.Span)
                    : settings.Extradata.ToArray();
                parameterSets = _decodeOrder?.Apply(parameterSets).ToArray() ?? parameterSets;
                _h264DecodeOrder?.ObserveParameterSets(parameterSets);
                if (parameterSets.Length > 0)
                {
                    session.InstallExtradata(_layout, parameterSets);
                }
            });
        }
        catch
        {
            _h264DecodeOrder?.Dispose();
            _scaler.Dispose();
            throw;
        }
    }

    /// <summary>True when every packet's picture is returned right after it (decode order).</summary>
    public bool OutputsInDecodeOrder => _h264DecodeOrder is not null || _decodeOrder is not null;

    public SubmitResult Submit(in EncodedPacketInput packet)
    {
        ObjectDisposedException.ThrowIf(_session.IsDisposed, this);
        if (_session.Flushed)
        {
            throw new InvalidOperationException("Submit after Flush");
        }

        if (packet.Data.IsEmpty)
        {
            // An empty packet would mean "drain" to libavcodec; on the wire it carries nothing to decode.
            return SubmitResult.Accepted;
        }

        var data = _decodeOrder is null ? packet.Data.Span : _decodeOrder.Apply(packet.Data.Span);
        if (_h264DecodeOrder is not null)
        {
            DiscardDisplayOrderOutput();
            _h264DecodeOrder.BeforeSend(data);
        }

        var avPacket = _session.Packet;
        FFmpegException.ThrowIfError(AvCodecNative.av_new_packet(avPacket, data.Length), "av_new_packet");
        try
        {
            var p = avPacket.DangerousGetHandle();
            data.CopyTo(new Span<byte>(AvFields.PacketData(_layout, p), data.Length));
            AvFields.SetPacketTiming(_layout, p, packet.Pts, packet.Dts, packet.Duration,
                packet.IsKeyframe ? AvLayout.PacketFlagKey : 0);
            var result = AvCodecNative.avcodec_send_packet(_session.Context, avPacket);
            if (result == FFmpegRuntime.ErrorInvalidData && _annexBCodec is { } nalCodec && AnnexB.HoldsOnlyNonPictureNals(nalCodec, data))
            {
                // Parameter sets or SEI alone: libavcodec keeps them and reports "no frame"; it is not an error.
                result = 0;
            }

            var status = _session.Submitted(result, "avcodec_send_packet");
            if (status == SubmitResult.Accepted)
            {
                _durations.Add(packet.Pts, packet.Duration);
                _h264DecodeOrder?.AfterSend(packet.Pts, packet.Duration);
            }

            return status;
        }
        finally
        {
            AvCodecNative.av_packet_unref(avPacket);
        }
    }

    public ReceiveResult Receive(out DecodedPicture? picture)
    {
        ObjectDisposedException.ThrowIf(_session.IsDisposed, this);
        picture = null;
        if (_h264DecodeOrder is not null)
        {
            if (_h264DecodeOrder.TryDequeue(out picture))
            {
                return ReceiveResult.Output;
            }

            return _session.Flushed ? DiscardDisplayOrderOutput() : ReceiveResult.NeedsInput;
        }

        var status = ReceiveFrame();
        if (status != ReceiveResult.Output)
        {
            return status;
        }

        try
        {
            var f = _session.Frame.DangerousGetHandle();
            var pts = AvFields.FramePts(_layout, f);
            picture = DecodedPictureWriter.Write(_runtime, f, _output, pts, _durations.Find(pts), scaler: _scaler);
            return ReceiveResult.Output;
        }
        finally
        {
            AvUtilNative.av_frame_unref(_session.Frame);
        }
    }

    public void Flush()
    {
        ObjectDisposedException.ThrowIf(_session.IsDisposed, this);
        if (!_session.Flushed)
        {
            _h264DecodeOrder?.Finish();
        }

        _session.Drain(AvCodecNative.avcodec_send_packet_flush, "avcodec_send_packet(NULL)");
    }

    public void Dispose()
    {
        _h264DecodeOrder?.Dispose();
        _session.Dispose();
        _scaler.Dispose();
    }

    private ReceiveResult ReceiveFrame() =>
        _session.Receive(static s => AvCodecNative.avcodec_receive_frame(s.Context, s.Frame), "avcodec_receive_frame");

    /// <summary>In capture mode libavcodec's own (display-order) pictures are only drained so decoding goes on.</summary>
    private ReceiveResult DiscardDisplayOrderOutput()
    {
        ReceiveResult status;
        while ((status = ReceiveFrame()) == ReceiveResult.Output)
        {
            AvUtilNative.av_frame_unref(_session.Frame);
        }

        return status;
    }
}
