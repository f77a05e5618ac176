using System.Runtime.CompilerServices;
using Vtr.Node.Codecs.VideoToolbox;
using Vtr.Shared.Bitstream;
using Vtr.Shared.Media;

namespace Vtr.Node.MacEncoder.Tests.Codecs.VideoToolbox;

/// <summary>
/// Recorded streams under Samples/ (ffmpeg testsrc2 64×64, 2 frames, libx264 / libx265 ultrafast, Annex B).
/// VT samples are simulated by converting them to length-prefixed form with Shared/Bitstream.
/// </summary>
public class SampleBufferPayloadTests
{
    [Theory]
    [InlineData("h264_64x64_2frames.h264", 4)]
    [InlineData("h264_64x64_2frames.h264", 2)]
    [InlineData("hevc_64x64_2frames.h265", 4)]
    public void Length_prefixed_sample_becomes_Annex_B_with_four_byte_start_codes(string file, int nalLengthSize)
    {
        var annexB = Read(file);
        var sample = new byte[AnnexB.LengthPrefixedSize(annexB, nalLengthSize)];
        AnnexB.ToLengthPrefixed(annexB, sample, nalLengthSize);

        var length = SampleBufferPayload.ToAnnexB(sample, nalLengthSize, out var owner);
        using (owner)
        {
            var packet = owner.Memory.Span[..length];
            Assert.True(packet.StartsWith((ReadOnlySpan<byte>)[0, 0, 0, 1]));
            Assert.Equal(Nals(annexB), Nals(packet));
            Assert.Equal(Nals(annexB).Sum(n => n.Length + 4), length);
        }
    }

    [Theory]
    [InlineData("h264_64x64_2frames.h264", VideoCodec.H264, 2)]
    [InlineData("hevc_64x64_2frames.h265", VideoCodec.Hevc, 3)]
    public void Parameter_sets_build_a_bare_decoder_configuration_record_that_round_trips(string file, VideoCodec codec, int setCount)
    {
        var sets = SampleBufferPayload.ExtractParameterSets(codec, Read(file));
        Assert.Equal(setCount, sets.Count);

        var record = SampleBufferPayload.BuildDecoderConfigurationRecord(codec, sets);
        Assert.Equal(1, record[0]); // configurationVersion: no 8-byte box header (WIRE.md §2.4)
        Assert.Equal(4, DecoderConfigurationRecord.NalLengthSize(codec, record));

        var back = SampleBufferPayload.ParameterSetsFromExtradata(codec, record, out var nalLengthSize);
        Assert.Equal(4, nalLengthSize);
        Assert.Equal(sets, back);
    }

    [Fact]
    public void Annex_B_extradata_and_boxed_records_give_the_same_parameter_sets()
    {
        var sets = SampleBufferPayload.ExtractParameterSets(VideoCodec.H264, Read("h264_64x64_2frames.h264"));
        var record = SampleBufferPayload.BuildDecoderConfigurationRecord(VideoCodec.H264, sets);
        byte[] boxed = [0, 0, 0, (byte)(record.Length + 8), (byte)'a', (byte)'v', (byte)'c', (byte)'C', .. record];

        Assert.Equal(sets, SampleBufferPayload.ParameterSetsFromExtradata(VideoCodec.H264, SampleBufferPayload.JoinAsAnnexB(sets), out _));
        Assert.Equal(sets, SampleBufferPayload.ParameterSetsFromExtradata(VideoCodec.H264, boxed, out _));
        Assert.Empty(SampleBufferPayload.ParameterSetsFromExtradata(VideoCodec.H264, [], out _));
        Assert.Empty(SampleBufferPayload.BuildDecoderConfigurationRecord(VideoCodec.H264, []));
    }

    [Fact]
    public void Decoder_samples_leave_parameter_sets_out()
    {
        var annexB = Read("h264_64x64_2frames.h264");
        var length = SampleBufferPayload.ToSample(VideoCodec.H264, annexB, 4, out var owner);
        using (owner)
        {
            var nals = new List<byte[]>();
            foreach (var nal in NalUnitReader.ForLengthPrefixed(owner.Memory.Span[..length], 4))
            {
                nals.Add(nal.ToArray());
            }

            Assert.DoesNotContain(nals, n => SampleBufferPayload.IsParameterSet(VideoCodec.H264, n));
            Assert.Equal(Nals(annexB).Count(n => !SampleBufferPayload.IsParameterSet(VideoCodec.H264, n)), nals.Count);
        }
    }

    internal static byte[] Read(string name, [CallerFilePath] string here = "") =>
        File.ReadAllBytes(Path.Combine(Path.GetDirectoryName(here)!, "Samples", name));

    private static List<byte[]> Nals(ReadOnlySpan<byte> annexB)
    {
        var nals = new List<byte[]>();
        foreach (var nal in NalUnitReader.ForAnnexB(annexB))
        {
            nals.Add(nal.ToArray());
        }

        return nals;
    }
}
