using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Vtr.Native.FFmpeg;

namespace Vtr.Node.Codecs.FFmpeg.Interop;

/// <summary>
/// Puts our function in AVCodecContext.get_buffer2 so a decoder is told of every picture at the moment libavcodec
/// allocates it, i.e. in decode order (the h264 decoder otherwise shows pictures only in display order).
/// </summary>
/// <remarks>
/// The field has no AVOption, so its offset comes from the version-checked <see cref="AvLayout"/> table like every
/// other field we touch. Before writing, the slot must hold avcodec_default_get_buffer2 (what avcodec_alloc_context3
/// puts there): a wrong table row then fails with a clear error instead of overwriting some other field.
/// </remarks>
internal static unsafe class GetBufferHook
{
    private static readonly ConcurrentDictionary<nint, Action<nint>> Listeners = new();
    private static readonly ConcurrentDictionary<nint, Exception> Faults = new();
    private static readonly Lazy<nint> DefaultGetBuffer2 = new(() => NativeLibraries.CodecExport("avcodec_default_get_buffer2"));

    /// <summary>
    /// Hooks get_buffer2 of <paramref name="context"/> (allocated, not yet opened): <paramref name="allocated"/> sees
    /// each AVFrame right after the default allocator filled it, on the decoding thread. Throws
    /// <see cref="CodecException"/> when the slot the layout names does not hold the default allocator; the context
    /// is then untouched. Call <see cref="Remove"/> before the context is freed.
    /// </summary>
    public static void Install(SafeCodecContextHandle context, AvLayout layout, Action<nint> allocated)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(allocated);
        var defaultGetBuffer2 = DefaultGetBuffer2.Value;
        if (defaultGetBuffer2 == 0)
        {
            throw new CodecException("libavcodec does not export avcodec_default_get_buffer2: decode-order output is unavailable");
        }

        var pointer = context.DangerousGetHandle();
        var slot = (nint*)((byte*)pointer + layout.CodecContextGetBuffer2);
        if (*slot != defaultGetBuffer2)
        {
            throw new CodecException(
                $"AVCodecContext.get_buffer2 is not at offset {layout.CodecContextGetBuffer2} in libavcodec {layout.CodecMajor} " +
                "(that slot does not hold the default allocator): the layout table is wrong for this FFmpeg build");
        }

        Listeners[pointer] = allocated;
        *slot = (nint)(delegate* unmanaged[Cdecl]<nint, nint, int, int>)&OnGetBuffer2;
        GC.KeepAlive(context);
    }

    /// <summary>
    /// Forgets <paramref name="allocated"/> for the context that was at <paramref name="context"/>. Only that very
    /// entry goes: if the context was already freed and its address reused by another hooked decoder, the other
    /// decoder's listener stays.
    /// </summary>
    public static void Remove(nint context, Action<nint> allocated)
    {
        if (Listeners.TryRemove(KeyValuePair.Create(context, allocated)))
        {
            Faults.TryRemove(context, out _);
        }
    }

    /// <summary>
    /// Rethrows, on the decoding thread after the native call returned, what a listener threw inside the callback
    /// (where it could not be thrown: no exception may unwind into libavcodec).
    /// </summary>
    public static void ThrowIfFaulted(nint context)
    {
        if (Faults.TryRemove(context, out var fault))
        {
            throw new CodecException($"decode-order capture failed inside get_buffer2: {fault.Message}", fault);
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int OnGetBuffer2(nint context, nint frame, int flags)
    {
        var result = ((delegate* unmanaged[Cdecl]<nint, nint, int, int>)DefaultGetBuffer2.Value)(context, frame, flags);
        if (result >= 0 && Listeners.TryGetValue(context, out var allocated))
        {
            try
            {
                allocated(frame);
            }
#pragma warning disable CA1031 // nothing may unwind into libavcodec: kept, and rethrown by ThrowIfFaulted after the call
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Faults.TryAdd(context, ex);
            }
        }

        return result;
    }
}
