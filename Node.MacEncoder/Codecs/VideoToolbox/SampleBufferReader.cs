using System.Buffers;
using System.Runtime.Versioning;
using Vtr.Node.Codecs.VideoToolbox.Interop;
using Vtr.Shared.Media;

namespace Vtr.Node.Codecs.VideoToolbox;

/// <summary>Reads VT output CMSampleBuffers: timing, sync flag, bytes and parameter sets.</summary>
[SupportedOSPlatform("macos")]
internal static unsafe class SampleBufferReader
{
    /// <summary>Copies one output sample into an Annex B <see cref="EncodedPacket"/> (WIRE.md §6.1, §6.4).</summary>
    public static EncodedPacket ReadPacket(VideoCodec codec, nint sampleBuffer, VtTimestampConverter time)
    {
        _ = time.TryToTicks(CoreMediaNative.CMSampleBufferGetPresentationTimeStamp(sampleBuffer), out var pts);
        var dts = time.TryToTicks(CoreMediaNative.CMSampleBufferGetDecodeTimeStamp(sampleBuffer), out var rawDts) ? rawDts : pts;
        _ = time.TryToTicks(CoreMediaNative.CMSampleBufferGetDuration(sampleBuffer), out var duration);
        var keyframe = CoreMediaNative.IsSyncSample(sampleBuffer);
        var nalLengthSize = NalLengthSize(codec, CoreMediaNative.CMSampleBufferGetFormatDescription(sampleBuffer));

        var length = checked((int)CoreMediaNative.CMBlockBufferGetDataLength(CoreMediaNative.CMSampleBufferGetDataBuffer(sampleBuffer)));
        var sample = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
        try
        {
            CoreMediaNative.CopySampleBytes(sampleBuffer, sample.AsSpan(0, length));
            var written = SampleBufferPayload.ToAnnexB(sample.AsSpan(0, length), nalLengthSize, out var owner);
            return new EncodedPacket(owner, written, pts, dts, duration, keyframe);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(sample);
        }
    }

    /// <summary>The avcC/hvcC built from the parameter sets of the sample's format description.</summary>
    public static byte[] ReadDecoderConfiguration(VideoCodec codec, nint sampleBuffer, out int nalLengthSize)
    {
        var format = CoreMediaNative.CMSampleBufferGetFormatDescription(sampleBuffer);
        var sets = ParameterSets(codec, format, out nalLengthSize);
        return SampleBufferPayload.BuildDecoderConfigurationRecord(codec, sets);
    }

    private static int NalLengthSize(VideoCodec codec, nint format)
    {
        nuint count = 0;
        var headerLength = 4;
        var status = GetParameterSet(codec, format, 0, null, null, &count, &headerLength);
        return status == VtStatus.NoErr && headerLength is >= 1 and <= 4 ? headerLength : 4;
    }

    private static List<byte[]> ParameterSets(VideoCodec codec, nint format, out int nalLengthSize)
    {
        nuint count = 0;
        var headerLength = 4;
        VideoToolboxNative.Check(GetParameterSet(codec, format, 0, null, null, &count, &headerLength), "CMVideoFormatDescriptionGet*ParameterSetAtIndex");
        nalLengthSize = headerLength;
        var sets = new List<byte[]>((int)count);
        for (nuint i = 0; i < count; i++)
        {
            byte* pointer = null;
            nuint size = 0;
            VideoToolboxNative.Check(GetParameterSet(codec, format, i, &pointer, &size, null, null), "CMVideoFormatDescriptionGet*ParameterSetAtIndex");
            sets.Add(new ReadOnlySpan<byte>(pointer, checked((int)size)).ToArray());
        }

        return sets;
    }

    private static int GetParameterSet(VideoCodec codec, nint format, nuint index, byte** pointer, nuint* size, nuint* count, int* headerLength) =>
        codec == VideoCodec.Hevc
            ? CoreMediaNative.CMVideoFormatDescriptionGetHEVCParameterSetAtIndex(format, index, pointer, size, count, headerLength)
            : CoreMediaNative.CMVideoFormatDescriptionGetH264ParameterSetAtIndex(format, index, pointer, size, count, headerLength);
}
