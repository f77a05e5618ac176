namespace Vtr.Shared.Bitstream;

/// <summary>The general part of an HEVC profile_tier_level() (ITU-T H.265 §7.3.3), as hvcC carries it.</summary>
public readonly record struct HevcProfileTierLevel(
    int ProfileSpace,
    bool TierFlag,
    int ProfileIdc,
    uint ProfileCompatibilityFlags,
    ulong ConstraintIndicatorFlags,
    int LevelIdc)
{
    /// <summary>
    /// Reads profile_tier_level(1, maxSubLayersMinus1): the general fields, then skips the sub-layer
    /// fields. Returns false when the data runs out.
    /// </summary>
    internal static bool TryRead(ref BitReader reader, int maxSubLayersMinus1, out HevcProfileTierLevel value)
    {
        var profileSpace = (int)reader.U(2);
        var tier = reader.Flag();
        var profileIdc = (int)reader.U(5);
        var compatibility = reader.U(32);
        var constraints = ((ulong)reader.U(16) << 32) | reader.U(32);
        var level = (int)reader.U(8);
        value = new HevcProfileTierLevel(profileSpace, tier, profileIdc, compatibility, constraints, level);

        Span<bool> profilePresent = stackalloc bool[8];
        Span<bool> levelPresent = stackalloc bool[8];
        for (var i = 0; i < maxSubLayersMinus1; i++)
        {
            profilePresent[i] = reader.Flag();
            levelPresent[i] = reader.Flag();
        }

        if (maxSubLayersMinus1 > 0)
        {
            reader.Skip(2 * (8 - maxSubLayersMinus1)); // reserved_zero_2bits
        }

        for (var i = 0; i < maxSubLayersMinus1; i++)
        {
            // sub_layer profile: space, tier, idc, 32 compat flags, 48 constraint bits = 88 bits.
            reader.Skip((profilePresent[i] ? 88 : 0) + (levelPresent[i] ? 8 : 0));
        }

        return !reader.Failed;
    }
}
