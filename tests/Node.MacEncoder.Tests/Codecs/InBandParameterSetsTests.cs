using Vtr.Node.Codecs;
using Vtr.Shared.Media;

namespace Vtr.Node.MacEncoder.Tests.Codecs;

/// <summary>Where parameter sets go in a keyframe access unit (the pure rule under both backends).</summary>
public sealed class InBandParameterSetsTests
{
    private static readonly byte[] H264Sets = [0, 0, 0, 1, 0x67, 0x64, 0x00, 0x1F, 0, 0, 0, 1, 0x68, 0xEE, 0x3C, 0x80];

    [Fact]
    public void Parameter_sets_go_in_front_of_an_access_unit_without_delimiter()
    {
        byte[] idr = [0, 0, 0, 1, 0x06, 0x05, 0x01, 0x80, 0, 0, 0, 1, 0x65, 0x88, 0x84];

        var output = Insert(VideoCodec.H264, H264Sets, idr);

        Assert.Equal([.. H264Sets, .. idr], output);
        Assert.True(InBandParameterSets.Carries(VideoCodec.H264, output));
        Assert.False(InBandParameterSets.Carries(VideoCodec.H264, idr));
    }

    [Fact]
    public void Parameter_sets_follow_a_leading_access_unit_delimiter()
    {
        byte[] aud = [0, 0, 0, 1, 0x09, 0x10];
        byte[] slice = [0, 0, 0, 1, 0x65, 0x88, 0x84];

        var output = Insert(VideoCodec.H264, H264Sets, [.. aud, .. slice]);

        Assert.Equal([.. aud, .. H264Sets, .. slice], output);
    }

    [Fact]
    public void Hevc_delimiter_stays_first_and_vps_sps_pps_follow_it()
    {
        byte[] aud = [0, 0, 0, 1, 0x46, 0x01, 0x10];
        byte[] sets = [0, 0, 0, 1, 0x40, 0x01, 0x0C, 0, 0, 0, 1, 0x42, 0x01, 0x01, 0, 0, 0, 1, 0x44, 0x01, 0xC1];
        byte[] idr = [0, 0, 0, 1, 0x26, 0x01, 0xAF];

        var output = Insert(VideoCodec.Hevc, sets, [.. aud, .. idr]);

        Assert.Equal([.. aud, .. sets, .. idr], output);
    }

    [Fact]
    public void Select_keeps_only_parameter_sets_with_long_start_codes()
    {
        byte[] mixed = [0, 0, 1, 0x67, 0x64, 0x00, 0x1F, 0, 0, 1, 0x06, 0x05, 0, 0, 1, 0x68, 0xEE, 0x3C, 0x80];

        var selected = InBandParameterSets.Select(VideoCodec.H264, mixed);

        Assert.Equal(H264Sets, selected);
    }

    [Fact]
    public void Insert_refuses_a_destination_too_small()
    {
        byte[] idr = [0, 0, 0, 1, 0x65, 0x88];

        Assert.Throws<ArgumentException>(() => InBandParameterSets.Insert(VideoCodec.H264, H264Sets, idr, new byte[H264Sets.Length + idr.Length - 1]));
    }

    private static byte[] Insert(VideoCodec codec, byte[] sets, byte[] accessUnit)
    {
        var output = new byte[InBandParameterSets.InsertedLength(sets, accessUnit)];
        var written = InBandParameterSets.Insert(codec, sets, accessUnit, output);
        Assert.Equal(output.Length, written);
        return output;
    }
}
