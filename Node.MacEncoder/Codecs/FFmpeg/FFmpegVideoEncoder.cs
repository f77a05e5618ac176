using System.Buffers;
using Vtr.Native.FFmpeg;
using Vtr.Shared.Media;

namespace Vtr.Node.Codecs.FFmpeg;

/// <summary>
/// A libx264 (H.264, NV12) or libx265 (HEVC, NV12 or P010) encoder behind libavcodec's send/receive API.
/// One AVFrame and one AVPacket are reused for the whole session; only the output packet's pooled memory is
/// rented per packet. Timestamps pass through in the session time base (AVCodecContext.time_base = session).
/// </summary>
public sealed unsafe class FFmpegVideoEncoder : IVideoEncoder
{
    private readonly FFmpegRuntime _runtime;
    private readonly AvLayout _layout;
    private readonly FFmpegCodecSession _session;
    private readonly PtsDurationRing _durations = new();
    private readonly WirePixelFormat _pixelFormat;
    private readonly bool _planarInput;
    private readonly int _width;
    private readonly int _height;
    private readonly MemoryPool<byte> _packetPool;

    public FFmpegVideoEncoder(EncoderSettings settings, FFmpegBackendOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _runtime = CodecRuntime.Load();
        _layout = _runtime.Layout;
        Configuration = LibX26xOptionMapper.Map(settings, options ?? FFmpegBackendOptions.Default);
        _pixelFormat = settings.PixelFormat;
        _planarInput = Configuration.InputPixelFormat != "nv12";
        _width = settings.Width;
        _height = settings.Height;
        _packetPool = (options ?? FFmpegBackendOptions.Default).OutputPool;

        var codec = AvCodecNative.avcodec_find_encoder_by_name(Configuration.EncoderName);
        if (codec == 0)
        {
            throw new CodecException($"{Configuration.EncoderName} is not available in this FFmpeg ({_runtime.VersionText})");
        }

        var encoderName = Configuration.EncoderName;
        var avOptions = Configuration.AvOptions;
        var format = Configuration.InputPixelFormat switch
        {
            "nv12" => _runtime.Nv12,
            "yuv420p" => _runtime.Yuv420P,
            _ => _runtime.Yuv420P10,
        };
        byte[] parameterSets = [];
        var record = ReadOnlyMemory<byte>.Empty;
        _session = FFmpegCodecSession.Open(
            _runtime,
            codec,
            encoderName,
            optionOwner: encoderName,
            optionSearchFlags: AvUtilNative.OptSearchChildren,
            configure: session =>
            {
                foreach (var (name, value) in avOptions)
                {
                    session.SetOption(name, value);
                }
            },
            afterOpen: session =>
            {
                parameterSets = session.ReadExtradata(_layout);
                record = BuildRecord(settings.Codec, parameterSets);
                AvFields.SetFrameGeometry(_layout, session.Frame.DangerousGetHandle(), _width, _height, format);
                FFmpegException.ThrowIfError(AvUtilNative.av_frame_get_buffer(session.Frame, 0), "av_frame_get_buffer");
            });
        AnnexBParameterSets = parameterSets;
        DecoderConfigurationRecord = record;
    }

    /// <summary>What the option mapper chose (encoder, preset, threads, lookahead, AVOptions).</summary>
    public LibX26xConfiguration Configuration { get; }

    /// <summary>The encoder's global headers (SPS/PPS, plus VPS for HEVC) as Annex B.</summary>
    public ReadOnlyMemory<byte> AnnexBParameterSets { get; }

    public ReadOnlyMemory<byte> DecoderConfigurationRecord { get; }

    public IReadOnlyList<string> Warnings => Configuration.Warnings;

    public SubmitResult Submit(in RawVideoFrame frame)
    {
        ObjectDisposedException.ThrowIf(_session.IsDisposed, this);
        if (_session.Flushed)
        {
            throw new InvalidOperationException("Submit after Flush");
        }

        // Usually a no-op: the libraries copy the picture during send, so the buffer is ours again.
        var avFrame = _session.Frame;
        FFmpegException.ThrowIfError(AvUtilNative.av_frame_make_writable(avFrame), "av_frame_make_writable");
        var f = avFrame.DangerousGetHandle();
        PlanarFrameWriter.Write(_layout, frame, f, _pixelFormat, _planarInput, _width, _height);
        AvFields.SetFramePts(_layout, f, frame.Pts);
        AvFields.SetFramePictType(_layout, f, frame.ForceKeyframe ? AvLayout.PictureTypeI : AvLayout.PictureTypeNone);

        var status = _session.Submitted(AvCodecNative.avcodec_send_frame(_session.Context, avFrame), "avcodec_send_frame");
        if (status == SubmitResult.Accepted)
        {
            _durations.Add(frame.Pts, frame.Duration);
        }

        return status;
    }

    public ReceiveResult Receive(out EncodedPacket? packet)
    {
        ObjectDisposedException.ThrowIf(_session.IsDisposed, this);
        packet = null;
        var status = _session.Receive(static s => AvCodecNative.avcodec_receive_packet(s.Context, s.Packet), "avcodec_receive_packet");
        if (status != ReceiveResult.Output)
        {
            return status;
        }

        try
        {
            packet = CopyPacket(_session.Packet.DangerousGetHandle());
            return ReceiveResult.Output;
        }
        finally
        {
            AvCodecNative.av_packet_unref(_session.Packet);
        }
    }

    public void Flush()
    {
        ObjectDisposedException.ThrowIf(_session.IsDisposed, this);
        _session.Drain(AvCodecNative.avcodec_send_frame_flush, "avcodec_send_frame(NULL)");
    }

    public void Dispose() => _session.Dispose();

    private EncodedPacket CopyPacket(nint p)
    {
        var size = AvFields.PacketSize(_layout, p);
        var source = new ReadOnlySpan<byte>(AvFields.PacketData(_layout, p), size);
        var owner = _packetPool.Rent(AnnexBPacketWriter.MaxOutputLength(size));
        var length = AnnexBPacketWriter.CopyWithLongStartCodes(source, owner.Memory.Span);
        var pts = AvFields.PacketPts(_layout, p);
        var key = (AvFields.PacketFlags(_layout, p) & AvLayout.PacketFlagKey) != 0;
        return new EncodedPacket(owner, length, pts, AvFields.PacketDts(_layout, p), _durations.Find(pts), key);
    }

    private static ReadOnlyMemory<byte> BuildRecord(VideoCodec codec, ReadOnlyMemory<byte> annexB)
    {
        try
        {
            return annexB.IsEmpty ? ReadOnlyMemory<byte>.Empty : Shared.Bitstream.DecoderConfigurationRecord.BuildFromAnnexB(codec, annexB.Span);
        }
        catch (Shared.Bitstream.BitstreamException e)
        {
            throw new CodecException($"encoder global headers do not form a {codec.ToWireName()} configuration record: {e.Message}", e);
        }
    }
}
