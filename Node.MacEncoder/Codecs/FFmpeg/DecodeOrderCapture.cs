using Vtr.Native.FFmpeg;
using Vtr.Node.Codecs.FFmpeg.Interop;

namespace Vtr.Node.Codecs.FFmpeg;

/// <summary>
/// Decode-order output for libavcodec's h264 decoder, which shows pictures only in display order (and, told that
/// the reorder depth is 0, drops every B-picture). WIRE.md §3.3: the lock-step client wants each PACKET's picture
/// back before it sends the next, as VideoToolbox gives it. So we hold a reference to the picture libavcodec
/// allocates while it decodes a packet (<see cref="GetBufferHook"/>): with frame threads off, the packet is fully
/// decoded (deblocked, concealed) when avcodec_send_packet returns, and that buffer is the packet's picture.
/// </summary>
/// <remarks>
/// A packet that allocates nothing (parameter sets or SEI only, the second field of a field pair) yields no new
/// picture. When a packet allocates more than one picture (frame_num gaps make h264 allocate concealment frames
/// first) the last one is the packet's own. A first field's picture can be held (<see cref="Hold"/>) until the
/// packet with its other field has been decoded into the same buffer.
/// </remarks>
internal sealed class DecodeOrderCapture : IDisposable
{
    private readonly nint _context;
    private readonly SafeFrameHandle _latest;
    private readonly SafeFrameHandle _held;
    private readonly Action<nint> _listener;
    private bool _captured;

    private DecodeOrderCapture(nint context, SafeFrameHandle latest, SafeFrameHandle held)
    {
        _context = context;
        _latest = latest;
        _held = held;
        _listener = OnAllocated;
    }

    /// <summary>The captured picture (valid after <see cref="TryTake"/> returned true, until the next packet).</summary>
    public nint Picture => _latest.DangerousGetHandle();

    /// <summary>The picture kept by <see cref="Hold"/>.</summary>
    public nint HeldPicture => _held.DangerousGetHandle();

    /// <summary>Hooks an allocated, unopened context; throws <see cref="CodecException"/> when that cannot be done safely.</summary>
    public static DecodeOrderCapture Install(SafeCodecContextHandle context, AvLayout layout)
    {
        var latest = AvUtilNative.av_frame_alloc();
        var held = AvUtilNative.av_frame_alloc();
        try
        {
            if (latest.IsInvalid || held.IsInvalid)
            {
                throw new CodecException("av_frame_alloc failed (out of memory)");
            }

            var capture = new DecodeOrderCapture(context.DangerousGetHandle(), latest, held);
            GetBufferHook.Install(context, layout, capture._listener);
            return capture;
        }
        catch
        {
            latest.Dispose();
            held.Dispose();
            throw;
        }
    }

    /// <summary>Forgets the previous packet's picture (its buffer goes back to libavcodec's pool).</summary>
    public void BeginPacket()
    {
        AvUtilNative.av_frame_unref(_latest);
        _captured = false;
    }

    /// <summary>True when the packet just sent allocated a picture; <see cref="Picture"/> then holds it.</summary>
    public bool TryTake()
    {
        GetBufferHook.ThrowIfFaulted(_context);
        var captured = _captured;
        _captured = false;
        return captured;
    }

    /// <summary>Keeps a second reference to the taken picture, past the next packets, until <see cref="ReleaseHeld"/>.</summary>
    public void Hold()
    {
        AvUtilNative.av_frame_unref(_held);
        FFmpegException.ThrowIfError(AvUtilNative.av_frame_ref(_held, Picture), "av_frame_ref");
    }

    public void ReleaseHeld() => AvUtilNative.av_frame_unref(_held);

    public void Dispose()
    {
        GetBufferHook.Remove(_context, _listener);
        _latest.Dispose();
        _held.Dispose();
    }

    private void OnAllocated(nint frame)
    {
        AvUtilNative.av_frame_unref(_latest);
        _captured = AvUtilNative.av_frame_ref(_latest, frame) >= 0;
    }
}
