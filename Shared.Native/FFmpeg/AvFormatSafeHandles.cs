using Microsoft.Win32.SafeHandles;

namespace Vtr.Native.FFmpeg;

/// <summary>An owned demuxing AVFormatContext*; releasing it closes the input (avformat_close_input).</summary>
public sealed class SafeInputContextHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public SafeInputContextHandle()
        : base(ownsHandle: true)
    {
    }

    public void Adopt(nint context) => SetHandle(context);

    protected override bool ReleaseHandle()
    {
        var pointer = handle;
        AvFormatNative.avformat_close_input(ref pointer);
        return true;
    }
}

/// <summary>
/// An owned muxing AVFormatContext*; releasing it closes its AVIOContext (avio_closep, when the format has a file)
/// and frees the context with its streams.
/// </summary>
public sealed class SafeOutputContextHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public SafeOutputContextHandle()
        : base(ownsHandle: true)
    {
    }

    public void Adopt(nint context) => SetHandle(context);

    protected override bool ReleaseHandle()
    {
        var layout = AvFormatRuntime.Load().Layout;
        // The return value is the flush result of a file we are abandoning or have already finished: nothing to do with it.
        _ = AvFormatNative.avio_closep(AvFormatFields.IoField(layout, handle));
        AvFormatNative.avformat_free_context(handle);
        return true;
    }
}
