using Vtr.Native.FFmpeg;

namespace Vtr.Shared.Native.Tests;

/// <summary>One translation of "FFmpeg is missing or unsupported" into each side's own failure type.</summary>
public sealed class FFmpegRuntimeLoadTests
{
    [Fact]
    public void Unavailable_ffmpeg_becomes_the_callers_exception_with_the_install_hint_unchanged()
    {
        var missing = new FFmpegUnavailableException("libavformat.so.59 not found: apt install libavformat59");

        var thrown = Assert.Throws<IOException>(() =>
            FFmpegRuntimeLoad.Or<object>(() => throw missing, static (message, inner) => new IOException(message, inner)));

        Assert.Equal(missing.Message, thrown.Message);
        Assert.Same(missing, thrown.InnerException);
    }

    [Fact]
    public void A_loaded_runtime_is_returned_and_other_failures_pass_untouched()
    {
        var runtime = new object();
        Assert.Same(runtime, FFmpegRuntimeLoad.Or(() => runtime, static (message, inner) => new IOException(message, inner)));

        Assert.Throws<DllNotFoundException>(() =>
            FFmpegRuntimeLoad.Or<object>(() => throw new DllNotFoundException("a bug, not an unavailable FFmpeg"), static (message, inner) => new IOException(message, inner)));
    }
}
