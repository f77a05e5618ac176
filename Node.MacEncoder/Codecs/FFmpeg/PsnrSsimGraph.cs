using System.Globalization;
using Vtr.Native.FFmpeg;

namespace Vtr.Node.Codecs.FFmpeg;

/// <summary>
/// The client check's filter graph, built by hand: two buffer sources (the decoded output as "main", the encoded
/// picture as "ref"), ref split in two, psnr(main, ref) and then ssim(psnr's output, ref) into a buffer sink; each
/// frame that comes out carries <c>lavfi.psnr.mse_avg</c> and <c>lavfi.ssim.All</c> in its metadata. Both sources take
/// the same size and pixel format, so format negotiation inserts no conversion. Frames are pushed with pts 0, 1, 2…
/// one per pair, so the filters' frame sync pairs them as pushed.
/// </summary>
internal sealed class PsnrSsimGraph : IDisposable
{
    public const string MeanSquaredErrorKey = "lavfi.psnr.mse_avg";
    public const string SsimKey = "lavfi.ssim.All";

    /// <summary>AV_BUFFERSRC_FLAG_KEEP_REF (libavfilter/buffersrc.h): the source takes a new reference, not ours.</summary>
    private const int KeepReference = 8;

    private readonly FFmpegRuntime _runtime;
    private readonly SafeFilterGraphHandle _graph;
    private readonly SafeFrameHandle _output;
    private readonly nint _main;
    private readonly nint _reference;
    private readonly nint _sink;
    private long _next;
    private double _squaredErrorSum;
    private double _ssimSum;

    public PsnrSsimGraph(FFmpegRuntime runtime, int width, int height, int pixelFormat)
    {
        _runtime = runtime;
        _graph = AvFilterNative.avfilter_graph_alloc();
        _output = AvUtilNative.av_frame_alloc();
        try
        {
            if (_graph.IsInvalid || _output.IsInvalid)
            {
                throw new FFmpegException("avfilter_graph_alloc/av_frame_alloc returned NULL");
            }

            var source = string.Create(CultureInfo.InvariantCulture,
                $"video_size={width}x{height}:pix_fmt={pixelFormat}:time_base=1/1:pixel_aspect=1/1");
            _main = Create("buffer", "main", source);
            _reference = Create("buffer", "ref", source);
            var split = Create("split", "split", null);
            var psnr = Create("psnr", "psnr", null);
            var ssim = Create("ssim", "ssim", null);
            _sink = Create("buffersink", "sink", null);
            Link(_main, 0, psnr, 0);
            Link(_reference, 0, split, 0);
            Link(split, 0, psnr, 1);
            Link(psnr, 0, ssim, 0);
            Link(split, 1, ssim, 1);
            Link(ssim, 0, _sink, 0);
            FFmpegException.ThrowIfError(AvFilterNative.avfilter_graph_config(_graph, 0), "avfilter_graph_config");
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Pairs measured so far.</summary>
    public int Measured { get; private set; }

    public double MeanSquaredError => Measured == 0 ? 0 : _squaredErrorSum / Measured;

    public double Ssim => Measured == 0 ? 0 : _ssimSum / Measured;

    /// <summary>Pushes one pair and collects what the filters output: the decoded picture moves into the graph (the frame
    /// comes back blank); the reference keeps its picture and the graph takes its own reference, so the caller can reuse
    /// the frame once <c>av_frame_is_writable</c> says the graph let go of it. Throws <see cref="FFmpegException"/> on a
    /// filter error or a frame without the metadata.</summary>
    public void Push(SafeFrameHandle decoded, SafeFrameHandle reference)
    {
        var l = _runtime.Layout;
        AvFields.SetFramePts(l, decoded.DangerousGetHandle(), _next);
        AvFields.SetFramePts(l, reference.DangerousGetHandle(), _next);
        _next++;
        FFmpegException.ThrowIfError(AvFilterNative.av_buffersrc_add_frame_flags(_main, decoded.DangerousGetHandle(), 0), "av_buffersrc_add_frame(main)");
        FFmpegException.ThrowIfError(AvFilterNative.av_buffersrc_add_frame_flags(_reference, reference.DangerousGetHandle(), KeepReference), "av_buffersrc_add_frame(ref)");
        Collect();
    }

    /// <summary>Marks the end of both inputs and collects the last outputs.</summary>
    public void Finish()
    {
        FFmpegException.ThrowIfError(AvFilterNative.av_buffersrc_add_frame_flags(_main, 0, 0), "av_buffersrc_add_frame(main, NULL)");
        FFmpegException.ThrowIfError(AvFilterNative.av_buffersrc_add_frame_flags(_reference, 0, 0), "av_buffersrc_add_frame(ref, NULL)");
        Collect();
    }

    public void Dispose()
    {
        _graph.Dispose();
        _output.Dispose();
    }

    private void Collect()
    {
        int result;
        while ((result = AvFilterNative.av_buffersink_get_frame(_sink, _output)) >= 0)
        {
            try
            {
                var metadata = AvFields.FrameMetadata(_runtime.Layout, _output.DangerousGetHandle());
                _squaredErrorSum += Read(metadata, MeanSquaredErrorKey);
                _ssimSum += Read(metadata, SsimKey);
                Measured++;
            }
            finally
            {
                AvUtilNative.av_frame_unref(_output);
            }
        }

        if (result != _runtime.ErrorAgain && result != FFmpegRuntime.ErrorEof)
        {
            FFmpegException.ThrowIfError(result, "av_buffersink_get_frame");
        }
    }

    private static double Read(nint metadata, string key) =>
        AvUtilNative.DictionaryValue(metadata, key) is { } text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FFmpegException($"filtered frame without {key}");

    private nint Create(string filter, string name, string? args)
    {
        var definition = AvFilterNative.avfilter_get_by_name(filter);
        if (definition == 0)
        {
            throw new FFmpegException($"libavfilter has no {filter} filter");
        }

        FFmpegException.ThrowIfError(AvFilterNative.avfilter_graph_create_filter(out var context, definition, name, args, 0, _graph),
            $"avfilter_graph_create_filter({filter})");
        return context;
    }

    private static void Link(nint source, uint sourcePad, nint destination, uint destinationPad) =>
        FFmpegException.ThrowIfError(AvFilterNative.avfilter_link(source, sourcePad, destination, destinationPad), "avfilter_link");
}
