using System.Collections.Concurrent;
using Vtr.Shared.Bitstream;
using Vtr.Shared.Media;
using Vtr.Testing.Processes;

namespace Vtr.Shared.Tests.Bitstream;

/// <summary>
/// A short clip encoded by the ffmpeg CLI: the raw elementary stream (Annex B) and the same stream
/// muxed into MP4 by FFmpeg, whose avcC/hvcC box is the reference our record builder must match.
/// Samples are generated once per test run into a temporary folder.
/// </summary>
internal sealed record EncodedSample(VideoCodec Codec, byte[] RawStream, byte[] Mp4)
{
    private static readonly TimeSpan FfmpegTimeout = TimeSpan.FromSeconds(60);
    private static readonly ConcurrentDictionary<string, Lazy<EncodedSample>> Cache = new();
    internal static readonly string Folder = Directory.CreateTempSubdirectory("vtr-bitstream-").FullName;

    private const string TestSource = "-f lavfi -i testsrc2=size=320x240:rate=25 -frames:v 4";

    /// <summary>libx264 into a raw .h264, then <c>-c copy</c> into .mp4.</summary>
    public static EncodedSample H264(string name, string encoderArguments) =>
        Get(name, VideoCodec.H264, $"-c:v libx264 {encoderArguments}", "h264", viaRawStream: true);

    /// <summary>libx265 into a raw .hevc, then <c>-c copy</c> into .mp4.</summary>
    public static EncodedSample Hevc(string name, string encoderArguments) =>
        Get(name, VideoCodec.Hevc, $"-c:v libx265 -x265-params log-level=error {encoderArguments}", "hevc", viaRawStream: true);

    /// <summary>
    /// libx265 straight into .mp4 (its global header, SEI included, becomes the hvcC), then
    /// <c>-c copy</c> back to a raw .hevc, where hevc_mp4toannexb puts those NALs before the first frame.
    /// </summary>
    public static EncodedSample HevcMuxedByEncoder(string name, string encoderArguments) =>
        Get(name, VideoCodec.Hevc, $"-c:v libx265 -x265-params log-level=error {encoderArguments}", "hevc", viaRawStream: false);

    /// <summary>The NAL units before the first picture (VCL) NAL: the stream's header.</summary>
    public byte[] HeaderNals(Func<int, bool>? keepType = null)
    {
        using var output = new MemoryStream();
        foreach (var nal in NalUnitReader.ForAnnexB(RawStream))
        {
            var type = Codec == VideoCodec.Hevc ? HevcNalUnitType.Of(nal) : H264NalUnitType.Of(nal);
            var isPicture = Codec == VideoCodec.Hevc ? type < 32 : type is >= 1 and <= 5;
            if (isPicture)
            {
                break;
            }

            if (keepType is null || keepType(type))
            {
                output.Write([0, 0, 0, 1]);
                output.Write(nal);
            }
        }

        return output.ToArray();
    }

    private static EncodedSample Get(string name, VideoCodec codec, string encoder, string rawExtension, bool viaRawStream) =>
        Cache.GetOrAdd(name, _ => new Lazy<EncodedSample>(() => Encode(name, codec, encoder, rawExtension, viaRawStream))).Value;

    private static EncodedSample Encode(string name, VideoCodec codec, string encoder, string rawExtension, bool viaRawStream)
    {
        var raw = Path.Combine(Folder, $"{name}.{rawExtension}");
        var mp4 = Path.Combine(Folder, $"{name}.mp4");
        if (viaRawStream)
        {
            RunFfmpeg($"{TestSource} {encoder} \"{raw}\"");
            RunFfmpeg($"-i \"{raw}\" -c copy \"{mp4}\"");
        }
        else
        {
            RunFfmpeg($"{TestSource} {encoder} \"{mp4}\"");
            RunFfmpeg($"-i \"{mp4}\" -c copy -f {rawExtension} \"{raw}\"");
        }

        return new EncodedSample(codec, File.ReadAllBytes(raw), File.ReadAllBytes(mp4));
    }

    internal static void RunFfmpeg(string arguments) => ToolRun.Ffmpeg(arguments, FfmpegTimeout);
}
