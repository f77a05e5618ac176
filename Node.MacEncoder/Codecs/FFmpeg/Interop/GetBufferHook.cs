using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Vtr.Node.Codecs.FFmpeg.Interop;

/// <summary>
/// Puts our function in AVCodecContext.get_buffer2 so a decoder is told of every picture at the moment libavcodec
/// allocates it, i.e. in decode order (the h264 decoder otherwise shows pictures only in display order).
/// </summary>
/// <remarks>
/// The field has no AVOption, and its offset differs between majors, so it is not taken from a table: a freshly
/// allocated context holds avcodec_default_get_buffer2 in exactly one pointer slot, and that slot is the field.
/// The scan stays inside the struct: it ends at the largest offset any of the context's AVOptions names
/// (AVOption.offset is the int at byte 16 of AVOption, unchanged since FFmpeg 1.0). No unique match → no hook.
/// </remarks>
internal static unsafe class GetBufferHook
{
    /// <summary>Byte offset of <c>int offset</c> in AVOption (after the name and help pointers).</summary>
    private const int OptionOffsetField = 16;

    private static readonly ConcurrentDictionary<nint, Action<nint>> Listeners = new();
    private static readonly Lazy<nint> DefaultGetBuffer2 = new(() => NativeLibraries.CodecExport("avcodec_default_get_buffer2"));

    /// <summary>
    /// The byte offset of get_buffer2 in <paramref name="context"/> (allocated, not yet opened, not yet hooked),
    /// or null when it cannot be found with certainty.
    /// </summary>
    public static int? FindOffset(SafeCodecContextHandle context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var target = DefaultGetBuffer2.Value;
        if (target == 0)
        {
            return null;
        }

        var end = LastOptionOffset(context);
        var start = (byte*)context.DangerousGetHandle();
        int? found = null;
        for (var offset = 0; offset + sizeof(nint) <= end; offset += sizeof(nint))
        {
            if (*(nint*)(start + offset) != target)
            {
                continue;
            }

            if (found is not null)
            {
                return null;
            }

            found = offset;
        }

        return found;
    }

    /// <summary>
    /// Hooks get_buffer2 of <paramref name="context"/> (before avcodec_open2): <paramref name="allocated"/> sees each
    /// AVFrame right after the default allocator filled it, on the decoding thread. False when the field was not
    /// found; the context is then untouched. Call <see cref="Remove"/> before the context is freed.
    /// </summary>
    public static bool TryInstall(SafeCodecContextHandle context, Action<nint> allocated)
    {
        ArgumentNullException.ThrowIfNull(allocated);
        if (FindOffset(context) is not { } offset)
        {
            return false;
        }

        var pointer = context.DangerousGetHandle();
        Listeners[pointer] = allocated;
        *(nint*)((byte*)pointer + offset) = (nint)(delegate* unmanaged[Cdecl]<nint, nint, int, int>)&OnGetBuffer2;
        return true;
    }

    /// <summary>
    /// Forgets <paramref name="allocated"/> for the context that was at <paramref name="context"/>. Only that very
    /// entry goes: if the context was already freed and its address reused by another hooked decoder, the other
    /// decoder's listener stays.
    /// </summary>
    public static void Remove(nint context, Action<nint> allocated) =>
        Listeners.TryRemove(KeyValuePair.Create(context, allocated));

    private static int LastOptionOffset(SafeCodecContextHandle context)
    {
        var last = 0;
        for (var option = AvUtilNative.av_opt_next(context, 0); option != 0; option = AvUtilNative.av_opt_next(context, option))
        {
            last = Math.Max(last, *(int*)((byte*)option + OptionOffsetField));
        }

        return last;
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
#pragma warning disable CA1031 // nothing may unwind into libavcodec; the picture is then simply not captured
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }

        return result;
    }
}
