using Vtr.Node.Codecs.VideoToolbox;
using Vtr.Shared.Media;

namespace Vtr.Node.MacEncoder.Tests.Codecs.VideoToolbox;

/// <summary>
/// What a plan becomes on a session whose macOS lacks a constant or whose encoder refuses a property. VideoToolbox
/// cannot run here, so the session is a table of exports and statuses; the rules are the real ones.
/// </summary>
public class PlannedPropertyApplierTests
{
    private const string Main42210 = "kVTProfileLevel_HEVC_Main42210_AutoLevel";

    [Fact]
    public void A_missing_value_symbol_of_a_non_fatal_property_is_a_warning_and_is_never_set()
    {
        var plan = PlanFixtures.Plan(PlanFixtures.PlainFfmpeg with { Profile = 4 }, VideoCodec.Hevc); // rext → Main 4:2:2 10
        var profile = plan.Find("ProfileLevel")!;
        Assert.Equal(Main42210, ((VtConstant)profile.Value).Symbol.Name);
        var session = new TableSession { Unexported = { Main42210 } }; // macOS below 12.3
        var warnings = new List<string>();

        PlannedPropertyApplier.Apply(session, profile, warnings);

        Assert.Empty(session.Set);
        Assert.Equal([$"ProfileLevel not supported ({Main42210} not exported by this macOS)"], warnings);
    }

    [Fact]
    public void A_missing_value_symbol_of_a_fatal_property_fails_the_session_naming_the_symbol()
    {
        var par = new PlannedProperty(CompressionPropertyKeys.PixelAspectRatio, new VtPixelAspectRatio(4, 3), Fatal: true);
        var session = new TableSession { Unexported = { CompressionPropertyKeys.PixelAspectRatioVerticalSpacing.Name } };

        var error = Assert.Throws<VideoToolboxException>(() => PlannedPropertyApplier.Apply(session, par, []));

        Assert.Contains("kCVImageBufferPixelAspectRatioVerticalSpacingKey not exported", error.Message, StringComparison.Ordinal);
        Assert.Empty(session.Set);
    }

    [Fact]
    public void A_missing_key_is_checked_before_its_value()
    {
        var property = new PlannedProperty(CompressionPropertyKeys.SpatialAdaptiveQpLevel, new VtInt32(-1), Fatal: false);
        var session = new TableSession { Unexported = { "kVTCompressionPropertyKey_SpatialAdaptiveQPLevel" } };
        var warnings = new List<string>();

        PlannedPropertyApplier.Apply(session, property, warnings);

        Assert.Equal(["SpatialAdaptiveQPLevel not supported (kVTCompressionPropertyKey_SpatialAdaptiveQPLevel not exported by this macOS)"], warnings);
    }

    [Theory]
    [InlineData(VtStatus.PropertyReadOnly, "ReferenceBufferCount not supported (kVTPropertyReadOnlyErr)")]
    [InlineData(VtStatus.PropertyNotSupported, "ReferenceBufferCount not supported (kVTPropertyNotSupportedErr)")]
    [InlineData(VtStatus.Parameter, "set ReferenceBufferCount failed -12902")]
    public void A_refused_ReferenceBufferCount_is_a_warning_not_a_failed_session(int status, string warning)
    {
        var property = PlanFixtures.Plan(PlanFixtures.PlainFfmpeg with { MaxRefFrames = 2 }).Find("ReferenceBufferCount")!;
        var session = new TableSession { Statuses = { ["ReferenceBufferCount"] = status } };
        var warnings = new List<string>();

        PlannedPropertyApplier.Apply(session, property, warnings);

        Assert.Equal([warning], warnings);
    }

    [Fact]
    public void A_refused_fatal_property_throws_with_its_status()
    {
        var gop = PlanFixtures.Plan(PlanFixtures.PlainFfmpeg).Find("MaxKeyFrameInterval")!;
        var session = new TableSession { Statuses = { ["MaxKeyFrameInterval"] = VtStatus.PropertyNotSupported } };

        var error = Assert.Throws<VideoToolboxException>(() => PlannedPropertyApplier.Apply(session, gop, []));

        Assert.Equal(VtStatus.PropertyNotSupported, error.Status);
        Assert.Equal("set MaxKeyFrameInterval", error.Operation);
    }

    [Fact]
    public void Constant_bit_rate_refused_by_the_encoder_falls_back_to_AverageBitRate_and_the_maxrate()
    {
        var plan = PlanFixtures.Plan(PlanFixtures.PlainFfmpeg with { Bitrate = 4_000_000, MaxRate = 6_000_000, ConstantBitRate = true });
        var session = new TableSession { Statuses = { ["ConstantBitRate"] = VtStatus.PropertyNotSupported } };
        var warnings = new List<string>();

        foreach (var property in plan.Properties)
        {
            PlannedPropertyApplier.Apply(session, property, warnings);
        }

        Assert.Equal(["ConstantBitRate", "AverageBitRate", "DataRateLimits"], session.Set.Where(k => k.Contains("BitRate", StringComparison.Ordinal) || k == "DataRateLimits"));
        Assert.Contains("ConstantBitRate not supported (kVTPropertyNotSupportedErr); using AverageBitRate + DataRateLimits", warnings);
    }

    [Fact]
    public void Constant_bit_rate_missing_on_an_older_macOS_is_never_set_and_the_bitrate_still_applies()
    {
        var cbr = PlanFixtures.Plan(PlanFixtures.PlainFfmpeg with { Bitrate = 4_000_000, ConstantBitRate = true }).Find("ConstantBitRate")!;
        var session = new TableSession { Unexported = { CompressionPropertyKeys.ConstantBitRate.Name } }; // macOS 12
        var warnings = new List<string>();

        PlannedPropertyApplier.Apply(session, cbr, warnings);

        Assert.Equal(["AverageBitRate"], session.Set);
        Assert.Single(warnings);
    }

    [Fact]
    public void Accepted_constant_bit_rate_leaves_the_fallback_unset()
    {
        var cbr = PlanFixtures.Plan(PlanFixtures.PlainFfmpeg with { Bitrate = 4_000_000, MaxRate = 6_000_000, ConstantBitRate = true }).Find("ConstantBitRate")!;
        var session = new TableSession();
        var warnings = new List<string>();

        PlannedPropertyApplier.Apply(session, cbr, warnings);

        Assert.Equal(["ConstantBitRate"], session.Set);
        Assert.Empty(warnings);
    }

    /// <summary>Exports and VTSessionSetProperty results of an imagined Mac; records what was set, in order.</summary>
    private sealed class TableSession : IVtPropertySession
    {
        public HashSet<string> Unexported { get; } = [];

        public Dictionary<string, int> Statuses { get; } = [];

        public List<string> Set { get; } = [];

        public bool IsExported(VtSymbol symbol) => !Unexported.Contains(symbol.Name);

        int IVtPropertySession.Set(PlannedProperty property)
        {
            Assert.All(property.Symbols, s => Assert.True(IsExported(s), s.Name + " set although not exported"));
            Set.Add(property.KeyName);
            return Statuses.GetValueOrDefault(property.KeyName);
        }
    }
}
