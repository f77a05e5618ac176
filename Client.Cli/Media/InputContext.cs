using Vtr.Native.FFmpeg;

namespace Vtr.Cli.Media;

/// <summary>
/// An opened input file (demuxer with stream info) and one reusable packet. Failures to open become
/// <see cref="MediaOpenException"/> naming the file and av_strerror's reason.
/// </summary>
internal sealed class InputContext : IDisposable
{
    private readonly SafeInputContextHandle _context;
    private readonly SafePacketHandle _packet;

    private InputContext(string path, AvFormatRuntime runtime, SafeInputContextHandle context, SafePacketHandle packet)
    {
        Path = path;
        Runtime = runtime;
        _context = context;
        _packet = packet;
    }

    public string Path { get; }

    public AvFormatRuntime Runtime { get; }

    public AvFormatLayout Layout => Runtime.Layout;

    public SafeInputContextHandle Handle => _context;

    /// <summary>The packet <see cref="ReadPacket"/> fills; valid until the next read.</summary>
    public nint Packet => _packet.DangerousGetHandle();

    public SafePacketHandle PacketHandle => _packet;

    public int StreamCount => AvFormatFields.StreamCount(Layout, _context.DangerousGetHandle());

    public string FormatName => AvFormatFields.InputFormatName(Layout, _context.DangerousGetHandle());

    public static InputContext Open(string path)
    {
        var runtime = MediaLibraries.Load();
        if (!File.Exists(path))
        {
            throw new MediaOpenException($"Cannot open '{path}': the file does not exist.");
        }

        var context = new SafeInputContextHandle();
        var pointer = (nint)0;
        var result = AvFormatNative.avformat_open_input(ref pointer, path, 0, 0);
        if (result < 0)
        {
            context.Dispose();
            throw new MediaOpenException($"Cannot open '{path}': {FFmpegErrors.Describe(result)} (not a readable media file).");
        }

        context.Adopt(pointer);
        result = AvFormatNative.avformat_find_stream_info(context, 0);
        if (result < 0)
        {
            context.Dispose();
            throw new MediaOpenException($"Cannot read the streams of '{path}': {FFmpegErrors.Describe(result)}.");
        }

        var packet = AvCodecNative.av_packet_alloc();
        if (packet.IsInvalid)
        {
            context.Dispose();
            throw new MediaProcessingException("av_packet_alloc failed");
        }

        return new InputContext(path, runtime, context, packet);
    }

    public nint Stream(int index) => AvFormatFields.Stream(Layout, _context.DangerousGetHandle(), index);

    public nint StreamParameters(int index) => AvFormatFields.StreamParameters(Layout, Stream(index));

    public AvRational StreamTimeBase(int index) => AvFormatFields.StreamTimeBase(Layout, Stream(index));

    /// <summary>Reads the next packet into <see cref="Packet"/> (unref'ing the previous one); false at end of file.</summary>
    public bool ReadPacket()
    {
        AvCodecNative.av_packet_unref(_packet);
        var result = AvFormatNative.av_read_frame(_context, Packet);
        if (result == FFmpegRuntime.ErrorEof)
        {
            return false;
        }

        if (result < 0)
        {
            throw new MediaOpenException($"Cannot read '{Path}': {FFmpegErrors.Describe(result)} (the file is damaged or truncated).");
        }

        return true;
    }

    /// <summary>Seeks so the next video packet read is the keyframe at or before <paramref name="dts"/>; false if the demuxer cannot.</summary>
    public bool TrySeekBackward(int streamIndex, long dts) =>
        AvFormatNative.av_seek_frame(_context, streamIndex, dts, AvFormatNative.AVSEEK_FLAG_BACKWARD) >= 0;

    public void Dispose()
    {
        _packet.Dispose();
        _context.Dispose();
    }
}
