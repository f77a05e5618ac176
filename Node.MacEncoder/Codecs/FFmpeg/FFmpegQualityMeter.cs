using Vtr.Native.FFmpeg;
using Vtr.Shared.Media;

namespace Vtr.Node.Codecs.FFmpeg;

/// <summary>
/// The libavcodec + libavfilter <see cref="IQualityMeter"/>: each picture handed to the encoder is copied into an
/// AVFrame (yuv420p or yuv420p10le, what the output decodes to) and held by pts; each output packet goes through the
/// output codec's own libavcodec decoder (single-threaded, <c>err_detect=explode</c>, so a damaged stream is an error
/// rather than concealed); each decoded picture is paired with its held twin, which is released right there, and the
/// pair goes through <see cref="PsnrSsimGraph"/>. A decoder error, a decoded pts the encoder never saw, or a count that
/// does not add up is the segment's decode problem; holding more than <see cref="MaxHeldFrames"/> (an encoder delay no
/// preset has) stops measuring and leaves the check to the client. A released picture's frame is kept and refilled once
/// the filters let go of it: a fresh 1080p picture per frame cost ~2 CPU-s of page faults on a 20 s job (each buffer is
/// mmapped, glibc's threshold being fixed, so every new one is zeroed by the kernel).
/// Decode-only (<see cref="QualityMeterSettings.DecodeOnly"/>, the check of a job without the quality check) holds
/// each picture's pts instead of a copy, opens no filters and skips the decoder's loop filter: deblocking neither
/// finds nor hides a damaged stream (<c>err_detect=explode</c> does), and skipping it cut the decode's CPU by a sixth
/// on 1080p (docs/benchmarks.md).
/// </summary>
public sealed unsafe class FFmpegQualityMeter : IQualityMeter
{
    /// <summary>
    /// Most pictures held at once. What is held is the encoder's delay (lookahead + B-frames + frame threads: ~20 for
    /// libx264 veryfast, ~70 for its slowest presets) plus the decoder's reorder depth (at most 16).
    /// </summary>
    public const int MaxHeldFrames = 128;

    private readonly FFmpegRuntime _runtime;
    private readonly QualityMeterSettings _settings;
    private readonly FFmpegCodecSession _decoder;
    private readonly Dictionary<long, SafeFrameHandle> _held = new(MaxHeldFrames);
    private readonly HashSet<long> _expected = new(MaxHeldFrames);
    private readonly List<SafeFrameHandle> _spare = [];
    private readonly int _referenceFormat;
    private PsnrSsimGraph? _graph;
    private int _encoded;
    private string? _problem;
    private string? _notMeasured;
    private int _decoded;

    private FFmpegQualityMeter(FFmpegRuntime runtime, QualityMeterSettings settings, FFmpegCodecSession decoder)
    {
        _runtime = runtime;
        _settings = settings;
        _decoder = decoder;
        _referenceFormat = settings.PixelFormat == WirePixelFormat.P010 ? runtime.Yuv420P10 : runtime.Yuv420P;
    }

    public int HeldFrames => _settings.DecodeOnly ? _expected.Count : _held.Count;

    public int PeakHeldFrames { get; private set; }

    /// <summary>Picture buffers allocated so far: the peak held plus what the filters still hold, not one per frame.</summary>
    public int AllocatedPictures { get; private set; }

    /// <summary>Opens a meter, or returns null with the reason (no libavfilter or no psnr/ssim filter, no decoder).</summary>
    public static FFmpegQualityMeter? TryOpen(QualityMeterSettings settings, out string unavailableReason)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (LoadRuntime(settings.DecodeOnly, out var reason) is not { } runtime)
        {
            unavailableReason = $"no quality measurement here: {reason}";
            return null;
        }

        var name = settings.Codec.ToWireName();
        var codec = AvCodecNative.avcodec_find_decoder_by_name(name);
        if (codec == 0)
        {
            unavailableReason = $"no quality measurement here: this FFmpeg has no {name} decoder";
            return null;
        }

        var decoder = FFmpegCodecSession.Open(runtime, codec, name, optionOwner: "quality decoder", optionSearchFlags: 0, configure: session =>
        {
            session.SetOption("threads", "1");
            session.SetOption("err_detect", "+explode");
            if (settings.DecodeOnly)
            {
                session.SetOption("skip_loop_filter", "all");
            }

            if (!settings.DecoderConfiguration.IsEmpty)
            {
                session.InstallExtradata(runtime.Layout, DecoderExtradata.ToAnnexB(settings.Codec, settings.DecoderConfiguration.Span));
            }
        });
        unavailableReason = string.Empty;
        return new FFmpegQualityMeter(runtime, settings, decoder);
    }

    public void Keep(in RawVideoFrame frame)
    {
        _encoded++;
        if (!Measuring)
        {
            return;
        }

        if (_settings.DecodeOnly)
        {
            if (!_expected.Add(frame.Pts))
            {
                Fail($"two pictures with pts {frame.Pts}");
            }

            return;
        }

        if (_held.Count >= MaxHeldFrames)
        {
            StopMeasuring($"more than {MaxHeldFrames} pictures inside the encoder");
            return;
        }

        var copy = TakeSpare() ?? AllocatePicture();
        try
        {
            var l = _runtime.Layout;
            var f = copy.DangerousGetHandle();
            AvFields.SetFrameGeometry(l, f, _settings.Width, _settings.Height, _referenceFormat);
            PlanarFrameWriter.Write(l, frame, f, _settings.PixelFormat, planar: true, _settings.Width, _settings.Height);
            if (!_held.TryAdd(frame.Pts, copy))
            {
                copy.Dispose();
                Fail($"two pictures with pts {frame.Pts}");
                return;
            }

            PeakHeldFrames = Math.Max(PeakHeldFrames, _held.Count);
        }
        catch
        {
            copy.Dispose();
            throw;
        }
    }

    public void Measure(EncodedPacket packet)
    {
        ArgumentNullException.ThrowIfNull(packet);
        if (!Measuring)
        {
            return;
        }

        var data = packet.Data.Span;
        var avPacket = _decoder.Packet;
        var l = _runtime.Layout;
        FFmpegException.ThrowIfError(AvCodecNative.av_new_packet(avPacket, data.Length), "av_new_packet");
        try
        {
            data.CopyTo(AvFields.WritablePacketPayload(l, avPacket.DangerousGetHandle()));
            AvFields.SetPacketTiming(l, avPacket.DangerousGetHandle(), packet.Pts, packet.Dts, packet.Duration,
                packet.IsKeyframe ? AvLayout.PacketFlagKey : 0);
            int result;
            while ((result = AvCodecNative.avcodec_send_packet(_decoder.Context, avPacket)) == _runtime.ErrorAgain && Measuring)
            {
                PairDecoded();
            }

            if (result < 0 && result != _runtime.ErrorAgain)
            {
                Fail($"the {_settings.Codec.ToWireName()} decoder refused packet pts {packet.Pts}: {FFmpegException.Describe(result)}");
                return;
            }

            PairDecoded();
        }
        finally
        {
            AvCodecNative.av_packet_unref(avPacket);
        }
    }

    public QualityMeasurement Finish()
    {
        if (Measuring)
        {
            var drained = AvCodecNative.avcodec_send_packet_flush(_decoder.Context, 0);
            if (drained < 0 && drained != FFmpegRuntime.ErrorEof)
            {
                Fail($"the {_settings.Codec.ToWireName()} decoder failed to flush: {FFmpegException.Describe(drained)}");
            }
            else
            {
                PairDecoded();
            }
        }

        if (Measuring && _graph is not null)
        {
            _graph.Finish();
        }

        var measured = _settings.DecodeOnly ? _decoded : _graph?.Measured ?? 0;
        ReleaseHeld();
        if (_problem is not null)
        {
            return QualityMeasurement.Failed(QualityVerdict.DecodeFailed, measured, _encoded, _problem);
        }

        if (_notMeasured is not null)
        {
            return QualityMeasurement.Failed(QualityVerdict.NotMeasured, measured, _encoded, _notMeasured);
        }

        return measured != _encoded
            ? QualityMeasurement.Failed(QualityVerdict.DecodeFailed, measured, _encoded, $"output decodes to {measured} frames, {_encoded} were encoded")
            : new QualityMeasurement(QualityVerdict.Measured, measured, _encoded, _graph?.MeanSquaredError ?? 0, _graph?.Ssim ?? 0, string.Empty);
    }

    public void Dispose()
    {
        ReleaseHeld();
        _graph?.Dispose();
        _decoder.Dispose();
    }

    private bool Measuring => _problem is null && _notMeasured is null;

    /// <summary>Receives every decoded picture ready now and measures it against its held twin.</summary>
    private void PairDecoded()
    {
        int result;
        var frame = _decoder.Frame;
        while (Measuring && (result = AvCodecNative.avcodec_receive_frame(_decoder.Context, frame)) != _runtime.ErrorAgain)
        {
            if (result == FFmpegRuntime.ErrorEof)
            {
                return;
            }

            if (result < 0)
            {
                Fail($"the {_settings.Codec.ToWireName()} decoder failed: {FFmpegException.Describe(result)}");
                return;
            }

            try
            {
                Pair(frame);
            }
            finally
            {
                AvUtilNative.av_frame_unref(frame);
            }
        }
    }

    private void Pair(SafeFrameHandle decoded)
    {
        var l = _runtime.Layout;
        var f = decoded.DangerousGetHandle();
        var pts = AvFields.FramePts(l, f);
        if (_settings.DecodeOnly)
        {
            CountDecoded(decoded, pts);
            return;
        }

        if (!_held.Remove(pts, out var reference))
        {
            Fail($"the output decodes to a picture at pts {pts} that was never encoded");
            return;
        }

        try
        {
            var format = AvFields.FrameFormat(l, f);
            if (!SameLayout(format) || AvFields.FrameWidth(l, f) != _settings.Width || AvFields.FrameHeight(l, f) != _settings.Height)
            {
                Fail($"the output decodes to {AvFields.FrameWidth(l, f)}x{AvFields.FrameHeight(l, f)} {AvUtilNative.PixelFormatName(format)}, "
                    + $"{_settings.Width}x{_settings.Height} {AvUtilNative.PixelFormatName(_referenceFormat)} was encoded");
                return;
            }

            // A full-range output decodes as yuvj420p: same samples as the yuv420p picture encoded, so the reference is
            // labelled alike and the filters compare the samples as they are, with no range conversion in between.
            AvFields.SetFrameGeometry(l, reference.DangerousGetHandle(), _settings.Width, _settings.Height, format);
            _graph ??= new PsnrSsimGraph(_runtime, _settings.Width, _settings.Height, format);
            _graph.Push(decoded, reference);
        }
        finally
        {
            _spare.Add(reference);
        }
    }

    /// <summary>Decode-only: the picture must be one encoded, once, in the geometry encoded.</summary>
    private void CountDecoded(SafeFrameHandle decoded, long pts)
    {
        var l = _runtime.Layout;
        var f = decoded.DangerousGetHandle();
        if (!_expected.Remove(pts))
        {
            Fail($"the output decodes to a picture at pts {pts} that was never encoded");
        }
        else if (!SameLayout(AvFields.FrameFormat(l, f)) || AvFields.FrameWidth(l, f) != _settings.Width || AvFields.FrameHeight(l, f) != _settings.Height)
        {
            Fail($"the output decodes to {AvFields.FrameWidth(l, f)}x{AvFields.FrameHeight(l, f)}, {_settings.Width}x{_settings.Height} was encoded");
        }
        else
        {
            _decoded++;
        }
    }

    /// <summary>The codecs, and the filters too unless only decoding; null with the reason when they do not load.</summary>
    private static FFmpegRuntime? LoadRuntime(bool decodeOnly, out string? reason) => decodeOnly
        ? FFmpegRuntime.TryLoad(out reason)
        : AvFilterRuntime.TryLoad(out reason, "buffer", "buffersink", "split", "psnr", "ssim")?.Codecs;

    /// <summary>The oldest spare frame the filters no longer reference, taken off the list; null when there is none.</summary>
    private SafeFrameHandle? TakeSpare()
    {
        for (var i = 0; i < _spare.Count; i++)
        {
            if (AvUtilNative.av_frame_is_writable(_spare[i]) != 0)
            {
                var frame = _spare[i];
                _spare.RemoveAt(i);
                return frame;
            }
        }

        return null;
    }

    private SafeFrameHandle AllocatePicture()
    {
        var picture = AvUtilNative.av_frame_alloc();
        try
        {
            if (picture.IsInvalid)
            {
                throw new FFmpegException("av_frame_alloc returned NULL");
            }

            AvFields.SetFrameGeometry(_runtime.Layout, picture.DangerousGetHandle(), _settings.Width, _settings.Height, _referenceFormat);
            FFmpegException.ThrowIfError(AvUtilNative.av_frame_get_buffer(picture, 0), "av_frame_get_buffer");
            AllocatedPictures++;
            return picture;
        }
        catch
        {
            picture.Dispose();
            throw;
        }
    }

    private bool SameLayout(int format) =>
        format == _referenceFormat || (_referenceFormat == _runtime.Yuv420P && format == _runtime.Yuvj420P);

    private void Fail(string problem)
    {
        _problem ??= problem;
        ReleaseHeld();
    }

    private void StopMeasuring(string reason)
    {
        _notMeasured ??= reason;
        ReleaseHeld();
    }

    private void ReleaseHeld()
    {
        foreach (var frame in _held.Values.Concat(_spare))
        {
            frame.Dispose();
        }

        _held.Clear();
        _spare.Clear();
        _expected.Clear();
    }
}
