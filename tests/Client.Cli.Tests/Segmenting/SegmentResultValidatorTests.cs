using System.Collections.Immutable;
using Vtr.Cli.Media;
using Vtr.Cli.Segmenting;

namespace Vtr.Client.Cli.Tests.Segmenting;

public sealed class SegmentResultValidatorTests
{
    private static readonly SegmentPlan Plan = new(3, 10, 14, 10, [400, 440, 480, 520], [], 400, 560);

    [Fact]
    public void A_complete_result_with_a_keyframe_first_is_usable()
    {
        Assert.Null(SegmentResultValidator.Check(Plan, Packets((400, true), (520, false), (440, false), (480, false))));
    }

    [Fact]
    public void A_missing_packet_is_rejected()
    {
        var problem = SegmentResultValidator.Check(Plan, Packets((400, true), (520, false), (440, false)));

        Assert.Contains("3 packets, expected 4", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_timestamp_is_rejected()
    {
        var problem = SegmentResultValidator.Check(Plan, Packets((400, true), (520, false), (441, false), (480, false)));

        Assert.Contains("expected 440", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_result_not_starting_with_a_keyframe_is_rejected()
    {
        var problem = SegmentResultValidator.Check(Plan, Packets((400, false), (520, true), (440, false), (480, false)));

        Assert.Contains("not a keyframe", problem, StringComparison.Ordinal);
    }

    private static ImmutableArray<EncodedPacket> Packets(params (long Pts, bool Key)[] packets) =>
        [.. packets.Select(p => new EncodedPacket(p.Pts, p.Pts, 40, p.Key, new byte[] { 0, 0, 0, 1, 0x65 }))];
}
