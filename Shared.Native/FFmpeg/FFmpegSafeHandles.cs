using Microsoft.Win32.SafeHandles;

namespace Vtr.Native.FFmpeg;

/// <summary>An owned AVCodecContext*; releasing it closes the codec and frees the context.</summary>
public sealed class SafeCodecContextHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public SafeCodecContextHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        var pointer = handle;
        AvCodecNative.avcodec_free_context(ref pointer);
        return true;
    }
}

/// <summary>An owned AVFrame*; releasing it unrefs its buffers and frees the frame.</summary>
public sealed class SafeFrameHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public SafeFrameHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        var pointer = handle;
        AvUtilNative.av_frame_free(ref pointer);
        return true;
    }
}

/// <summary>An owned AVPacket*; releasing it unrefs its payload and frees the packet.</summary>
public sealed class SafePacketHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public SafePacketHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        var pointer = handle;
        AvCodecNative.av_packet_free(ref pointer);
        return true;
    }
}

/// <summary>An owned AVBSFContext*; releasing it frees the filter and its parameters (av_bsf_free).</summary>
public sealed class SafeBitstreamFilterHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public SafeBitstreamFilterHandle()
        : base(ownsHandle: true)
    {
    }

    /// <summary>Takes ownership of the context av_bsf_alloc returned.</summary>
    public void Adopt(nint context) => SetHandle(context);

    protected override bool ReleaseHandle()
    {
        var pointer = handle;
        AvCodecNative.av_bsf_free(ref pointer);
        return true;
    }
}
