using Vtr.Native.FFmpeg;
using Vtr.Shared.Bitstream;
using Vtr.Shared.Media;

namespace Vtr.Cli.Media;

/// <summary>
/// Writes the output file: one video stream from the encoder plus (optionally) every non-video stream of the source,
/// copied and interleaved with the video by dts. Everything goes to a temp file beside the output, renamed over it by
/// <see cref="Complete"/>; disposing without completing deletes the temp file, so a failure never leaves a partial
/// file under the output name.
/// Usage: <see cref="Create"/>, optionally <see cref="CopyOtherStreams"/>, <see cref="WriteVideo"/> in decode order,
/// <see cref="Complete"/>.
/// </summary>
public sealed class OutputMuxer : IDisposable
{
    private readonly AvFormatRuntime _runtime;
    private readonly SafeOutputContextHandle _context;
    private readonly SafePacketHandle _packet;
    private readonly OutputVideoStream _video;
    private readonly AvRational _sourceTimeBase;
    private StreamCopier? _copier;
    private AvRational _videoTimeBase;
    private bool _headerWritten;
    private bool _completed;

    private OutputMuxer(string outputPath, string tempPath, AvFormatRuntime runtime, SafeOutputContextHandle context, SafePacketHandle packet, OutputVideoStream video)
    {
        OutputPath = outputPath;
        TempPath = tempPath;
        _runtime = runtime;
        _context = context;
        _packet = packet;
        _video = video;
        _sourceTimeBase = new AvRational((int)video.TimeBase.Numerator, (int)video.TimeBase.Denominator);
    }

    public string OutputPath { get; }

    /// <summary>Where the file is written until <see cref="Complete"/> renames it.</summary>
    public string TempPath { get; }

    /// <summary>Throws <see cref="UnsupportedMediaException"/> for an extension other than .mp4/.mov/.mkv.</summary>
    public static OutputMuxer Create(string outputPath, OutputVideoStream video)
    {
        ArgumentNullException.ThrowIfNull(video);
        var muxer = OutputContainer.MuxerFor(outputPath);
        if (!video.TimeBase.IsPositive)
        {
            throw new ArgumentException($"The video time base {video.TimeBase} is not positive.", nameof(video));
        }

        var runtime = MediaLibraries.Load();
        var full = Path.GetFullPath(outputPath);
        var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileNameWithoutExtension(full)}.{Guid.NewGuid():N}.partial{Path.GetExtension(full)}");
        var result = AvFormatNative.avformat_alloc_output_context2(out var pointer, 0, muxer, temp);
        if (result < 0 || pointer == 0)
        {
            throw new MediaProcessingException($"Cannot create a {muxer} muxer for '{outputPath}': {FFmpegErrors.Describe(result)}.");
        }

        var context = new SafeOutputContextHandle();
        context.Adopt(pointer);
        var packet = AvCodecNative.av_packet_alloc();
        var output = new OutputMuxer(full, temp, runtime, context, packet, video);
        try
        {
            output.AddVideoStream();
            return output;
        }
        catch
        {
            output.Dispose();
            throw;
        }
    }

    /// <summary>Adds every audio/subtitle/data stream of <paramref name="sourcePath"/>; their packets are copied as the video
    /// advances and the rest at <see cref="Complete"/>. Call before the first <see cref="WriteVideo"/>.</summary>
    public void CopyOtherStreams(string sourcePath)
    {
        if (_headerWritten || _copier is not null)
        {
            throw new InvalidOperationException("CopyOtherStreams must be called once, before the first WriteVideo.");
        }

        _copier = StreamCopier.AddStreams(sourcePath, _context, OutputPath, AvFormatFields.Stream(_runtime.Layout, _context.DangerousGetHandle(), 0));
    }

    /// <summary>Writes one encoded picture (Annex B) in decode order; timestamps in <see cref="OutputVideoStream.TimeBase"/>.</summary>
    public void WriteVideo(ReadOnlySpan<byte> annexB, long pts, long dts, long duration, bool keyframe)
    {
        EnsureHeader();
        _copier?.CopyUntil(_context, dts, _sourceTimeBase);
        var codecLayout = _runtime.Codecs.Layout;
        var lengthSize = _video.NalLengthSize;
        var size = _video.IsLengthPrefixed ? AnnexB.LengthPrefixedSize(annexB, lengthSize) : annexB.Length;
        var packet = _packet.DangerousGetHandle();
        MediaProcessingException.ThrowIfError(AvCodecNative.av_new_packet(_packet, size), "av_new_packet");
        var destination = AvFields.WritablePacketPayload(codecLayout, packet);
        if (_video.IsLengthPrefixed)
        {
            AnnexB.ToLengthPrefixed(annexB, destination, lengthSize);
        }
        else
        {
            annexB.CopyTo(destination);
        }

        AvFields.SetPacketTiming(
            codecLayout,
            packet,
            AvUtilNative.av_rescale_q(pts, _sourceTimeBase, _videoTimeBase),
            AvUtilNative.av_rescale_q(dts, _sourceTimeBase, _videoTimeBase),
            AvUtilNative.av_rescale_q(duration, _sourceTimeBase, _videoTimeBase),
            keyframe ? AvLayout.PacketFlagKey : 0);
        AvFormatFields.SetPacketStreamIndex(_runtime.Layout, packet, 0);
        var result = AvFormatNative.av_interleaved_write_frame(_context, packet);
        if (result < 0)
        {
            throw new MediaProcessingException($"Cannot write video packet pts {pts} dts {dts} to '{OutputPath}': {FFmpegErrors.Describe(result)}.");
        }
    }

    /// <summary>Copies the remaining source packets, writes the trailer, closes the file and renames it to the output path.</summary>
    public void Complete()
    {
        EnsureHeader();
        _copier?.CopyUntil(_context, null, _sourceTimeBase);
        var result = AvFormatNative.av_write_trailer(_context);
        if (result < 0)
        {
            throw new MediaProcessingException($"Cannot finish '{OutputPath}': {FFmpegErrors.Describe(result)}.");
        }

        _copier?.Dispose();
        _context.Dispose();
        File.Move(TempPath, OutputPath, overwrite: true);
        _completed = true;
    }

    public void Dispose()
    {
        _copier?.Dispose();
        _packet.Dispose();
        _context.Dispose();
        if (!_completed)
        {
            File.Delete(TempPath);
        }
    }

    /// <summary>MKTAG('h','v','c','1').</summary>
    private const uint HevcSampleEntryTag = 'h' | ('v' << 8) | ('c' << 16) | ((uint)'1' << 24);

    private void AddVideoStream()
    {
        var layout = _runtime.Layout;
        var stream = AvFormatNative.avformat_new_stream(_context, 0);
        if (stream == 0)
        {
            throw new MediaProcessingException("avformat_new_stream failed");
        }

        var codecId = _video.Codec == VideoCodec.Hevc ? AvCodecNative.CodecIdHevc : AvCodecNative.CodecIdH264;
        var parameters = AvFormatFields.StreamParameters(layout, stream);
        if (!AvFormatFields.TrySetVideoParameters(layout, parameters, codecId, _video.Width, _video.Height, _video.DecoderConfiguration.Span))
        {
            throw new MediaProcessingException("av_mallocz failed for the video extradata");
        }

        if (_video.Colour.IsTagged)
        {
            _video.Colour.WriteTo(parameters);
        }

        if (_video.Codec == VideoCodec.Hevc && OutputContainer.IsQuickTimeFamily(OutputPath))
        {
            // hvc1, not the muxer's default hev1: Apple's players (QuickTime, Safari, iOS) and Final Cut play only
            // hvc1, which declares every parameter set to be in the hvcC (OutputAssembler repeats none in-band that
            // the record already holds).
            AvFormatFields.SetCodecTag(layout, parameters, HevcSampleEntryTag);
        }
        AvFormatFields.SetStreamTimeBase(layout, stream, _sourceTimeBase);
    }

    private void EnsureHeader()
    {
        if (_headerWritten)
        {
            return;
        }

        var layout = _runtime.Layout;
        var context = _context.DangerousGetHandle();
        var flags = AvFormatFields.OutputFormatFlags(layout, AvFormatFields.OutputFormat(layout, context));
        if ((flags & AvFormatNative.AVFMT_NOFILE) == 0)
        {
            var opened = AvFormatNative.avio_open(AvFormatFields.IoField(layout, context), TempPath, AvFormatNative.AVIO_FLAG_WRITE);
            if (opened < 0)
            {
                throw new MediaProcessingException($"Cannot create '{TempPath}': {FFmpegErrors.Describe(opened)}.");
            }
        }

        var result = AvFormatNative.avformat_write_header(_context, 0);
        if (result < 0)
        {
            throw new MediaProcessingException($"Cannot start '{OutputPath}': {FFmpegErrors.Describe(result)}.");
        }

        _headerWritten = true;
        _videoTimeBase = AvFormatFields.StreamTimeBase(layout, AvFormatFields.Stream(layout, context, 0));
        _copier?.CaptureOutputTimeBases(context);
    }
}
