using Vtr.Shared.Bitstream;

namespace Vtr.Shared.Tests.Bitstream;

public sealed class H264LevelUnifierTests
{
    /// <summary>Two segments' avcC as libx264 wrote them in one --bitrate job (320x180, steered asks around 400 kb/s):
    /// byte for byte the same but for the level, 1.3 (0x0D) and 2.0 (0x14), in the record and in its SPS.</summary>
    private static readonly byte[] Level13 = Convert.FromHexString("0164000DFFE100186764000DACD941419F9E10000003001000064000F142996001000468EFBCB0FDF8F800");
    private static readonly byte[] Level20 = Convert.FromHexString("01640014FFE1001867640014ACD941419F9E10000003001000064000F142996001000468EFBCB0FDF8F800");

    [Fact]
    public void Records_that_differ_only_in_level_become_one_at_the_highest_level()
    {
        var unified = H264LevelUnifier.Unify([Level13, Level20, Level13]);

        Assert.Equal(Level20, unified);
        Assert.Equal(Level20, H264LevelUnifier.Unify([Level20, Level13]));
    }

    [Fact]
    public void Equal_records_stay_as_they_are()
    {
        Assert.Equal(Level13, H264LevelUnifier.Unify([Level13, Level13]));
    }

    [Fact]
    public void Records_that_differ_in_more_than_the_level_are_left_alone()
    {
        var otherPps = Level13.ToArray();
        otherPps[^2] ^= 0x10;
        var otherProfile = Level20.ToArray();
        otherProfile[1] = 0x4D;
        otherProfile[9] = 0x4D;

        Assert.Null(H264LevelUnifier.Unify([Level13, otherPps]));
        Assert.Null(H264LevelUnifier.Unify([Level13, otherProfile]));
        Assert.Null(H264LevelUnifier.Unify([Level13, Level20.AsMemory(0, Level20.Length - 1)]));
    }

    [Fact]
    public void What_is_not_an_avcC_with_an_sps_is_left_alone()
    {
        Assert.Null(H264LevelUnifier.Unify([]));
        Assert.Null(H264LevelUnifier.Unify([Level13.AsMemory(0, 5)]));
        Assert.Null(H264LevelUnifier.Unify([Level13.AsMemory(0, 12)])); // the SPS runs past the record
        var noSps = Level13.ToArray();
        noSps[5] = 0xE0;
        Assert.Null(H264LevelUnifier.Unify([noSps]));
        var version0 = Level13.ToArray();
        version0[0] = 0;
        Assert.Null(H264LevelUnifier.Unify([version0]));
    }
}
