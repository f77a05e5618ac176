using System.Runtime.InteropServices;
using Vtr.Native.FFmpeg;

namespace Vtr.Node.Codecs.FFmpeg;

/// <summary>
/// What <see cref="FFmpegVideoEncoder"/> and <see cref="FFmpegVideoDecoder"/> share: one opened AVCodecContext with
/// the AVFrame and AVPacket a session reuses, option setting, extradata through AVCodecParameters, the mapping of
/// send/receive results onto <see cref="SubmitResult"/>/<see cref="ReceiveResult"/>, draining and teardown.
/// </summary>
internal sealed unsafe class FFmpegCodecSession : IDisposable
{
    private readonly FFmpegRuntime _runtime;
    private readonly string _optionOwner;
    private readonly int _optionSearchFlags;
    private bool _endOfStream;

    private FFmpegCodecSession(FFmpegRuntime runtime, SafeCodecContextHandle context, string optionOwner, int optionSearchFlags)
    {
        _runtime = runtime;
        Context = context;
        _optionOwner = optionOwner;
        _optionSearchFlags = optionSearchFlags;
    }

    public SafeCodecContextHandle Context { get; }

    public SafeFrameHandle Frame { get; private set; } = null!;

    public SafePacketHandle Packet { get; private set; } = null!;

    public bool IsDisposed { get; private set; }

    /// <summary>True once <see cref="Drain"/> has sent the NULL frame/packet.</summary>
    public bool Flushed { get; private set; }

    /// <summary>
    /// Allocates a context for <paramref name="codec"/>, lets <paramref name="configure"/> set options before
    /// avcodec_open2, opens it, allocates the frame and packet, then runs <paramref name="afterOpen"/>. Whatever was
    /// allocated is freed if any step throws. <paramref name="optionOwner"/> names the codec in option errors.
    /// </summary>
    public static FFmpegCodecSession Open(
        FFmpegRuntime runtime,
        nint codec,
        string codecName,
        string optionOwner,
        int optionSearchFlags,
        Action<FFmpegCodecSession> configure,
        Action<FFmpegCodecSession>? afterOpen = null)
    {
        var session = new FFmpegCodecSession(runtime, AvCodecNative.avcodec_alloc_context3(codec), optionOwner, optionSearchFlags);
        try
        {
            if (session.Context.IsInvalid)
            {
                throw new FFmpegException("avcodec_alloc_context3 returned NULL");
            }

            configure(session);
            var none = (nint)0;
            FFmpegException.ThrowIfError(AvCodecNative.avcodec_open2(session.Context, codec, ref none), $"avcodec_open2({codecName})");
            session.Frame = AvUtilNative.av_frame_alloc();
            session.Packet = AvCodecNative.av_packet_alloc();
            if (session.Frame.IsInvalid || session.Packet.IsInvalid)
            {
                throw new FFmpegException("av_frame_alloc/av_packet_alloc returned NULL");
            }

            afterOpen?.Invoke(session);
            return session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>av_opt_set on the context (and, with the search flags, the codec's private options).</summary>
    public void SetOption(string name, string value) =>
        FFmpegException.ThrowIfError(AvUtilNative.av_opt_set(Context, name, value, _optionSearchFlags), $"{_optionOwner} option {name}={value}");

    /// <summary>Maps an avcodec_send_* result: EAGAIN asks the caller to drain first, other errors throw.</summary>
    public SubmitResult Submitted(int result, string operation)
    {
        if (result == _runtime.ErrorAgain)
        {
            return SubmitResult.NeedsDrain;
        }

        FFmpegException.ThrowIfError(result, operation);
        return SubmitResult.Accepted;
    }

    /// <summary>
    /// Runs one avcodec_receive_* (unless the end was already seen) and maps its result; on
    /// <see cref="ReceiveResult.Output"/> the frame or packet holds the output until the caller unrefs it.
    /// </summary>
    public ReceiveResult Receive(Func<FFmpegCodecSession, int> receive, string operation)
    {
        if (_endOfStream)
        {
            return ReceiveResult.EndOfStream;
        }

        var result = receive(this);
        if (result == _runtime.ErrorAgain)
        {
            return ReceiveResult.NeedsInput;
        }

        if (result == FFmpegRuntime.ErrorEof)
        {
            _endOfStream = true;
            return ReceiveResult.EndOfStream;
        }

        FFmpegException.ThrowIfError(result, operation);
        return ReceiveResult.Output;
    }

    /// <summary>Enters draining mode once (avcodec_send_frame/packet with NULL); later calls do nothing.</summary>
    public void Drain(Func<SafeCodecContextHandle, nint, int> sendNull, string operation)
    {
        if (Flushed)
        {
            return;
        }

        Flushed = true;
        FFmpegException.ThrowIfError(sendNull(Context, 0), operation);
    }

    /// <summary>The opened context's global headers (AVCodecContext.extradata), read through AVCodecParameters.</summary>
    public byte[] ReadExtradata(AvLayout layout) => WithParameters(parameters =>
    {
        var size = AvFields.ParametersExtradataSize(layout, parameters);
        var data = AvFields.ParametersExtradata(layout, parameters);
        return size > 0 && data != null ? new ReadOnlySpan<byte>(data, size).ToArray() : [];
    });

    /// <summary>
    /// AVCodecContext.extradata has no AVOption, so it travels through AVCodecParameters (a stable layout):
    /// copy the context out, attach an av_malloc'd, zero-padded copy, and copy it back in.
    /// </summary>
    public void InstallExtradata(AvLayout layout, byte[] annexB) => WithParameters(parameters =>
    {
        var data = AvUtilNative.av_mallocz((nuint)(annexB.Length + AvCodecNative.InputBufferPaddingSize));
        if (data == 0)
        {
            throw new FFmpegException("av_mallocz returned NULL");
        }

        Marshal.Copy(annexB, 0, data, annexB.Length);
        AvFields.SetParametersExtradata(layout, parameters, data, annexB.Length);
        FFmpegException.ThrowIfError(AvCodecNative.avcodec_parameters_to_context(Context, parameters),
            "avcodec_parameters_to_context");
        return true;
    });

    /// <summary>Frees packet, frame and context; safe to call more than once.</summary>
    public void Dispose()
    {
        IsDisposed = true;
        Packet?.Dispose();
        Frame?.Dispose();
        Context.Dispose();
    }

    /// <summary>
    /// avcodec_parameters_alloc + avcodec_parameters_from_context around <paramref name="use"/>, then
    /// avcodec_parameters_free, which also frees any extradata attached to them (the context holds its own copy).
    /// </summary>
    private T WithParameters<T>(Func<nint, T> use)
    {
        var parameters = AvCodecNative.avcodec_parameters_alloc();
        if (parameters == 0)
        {
            throw new FFmpegException("avcodec_parameters_alloc returned NULL");
        }

        try
        {
            FFmpegException.ThrowIfError(AvCodecNative.avcodec_parameters_from_context(parameters, Context),
                "avcodec_parameters_from_context");
            return use(parameters);
        }
        finally
        {
            AvCodecNative.avcodec_parameters_free(ref parameters);
        }
    }
}
