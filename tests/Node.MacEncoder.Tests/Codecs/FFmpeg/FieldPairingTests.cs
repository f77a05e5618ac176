using Vtr.Node.Codecs.FFmpeg;

namespace Vtr.Node.MacEncoder.Tests.Codecs.FFmpeg;

public sealed class FieldPairingTests
{
    [Fact]
    public void Frames_come_out_at_once()
    {
        var pairing = new FieldPairing();

        Assert.Equal(FieldPairingAction.EmitCurrent, pairing.AfterAccessUnit(allocated: true, fieldPicture: false));
        Assert.Equal(FieldPairingAction.EmitCurrent, pairing.AfterAccessUnit(allocated: true, fieldPicture: false));
        Assert.Equal(FieldPairingAction.None, pairing.Finish());
    }

    [Fact]
    public void A_field_pair_comes_out_once_after_its_second_field()
    {
        var pairing = new FieldPairing();

        Assert.Equal(FieldPairingAction.HoldCurrent, pairing.AfterAccessUnit(allocated: true, fieldPicture: true));
        Assert.Equal(FieldPairingAction.EmitHeld, pairing.AfterAccessUnit(allocated: false, fieldPicture: true));
        Assert.Equal(FieldPairingAction.HoldCurrent, pairing.AfterAccessUnit(allocated: true, fieldPicture: true));
        Assert.Equal(FieldPairingAction.EmitHeld, pairing.AfterAccessUnit(allocated: false, fieldPicture: true));
        Assert.Equal(FieldPairingAction.None, pairing.Finish());
    }

    [Fact]
    public void An_unpaired_field_goes_out_before_the_next_picture_and_at_the_end()
    {
        var pairing = new FieldPairing();

        Assert.Equal(FieldPairingAction.HoldCurrent, pairing.AfterAccessUnit(allocated: true, fieldPicture: true));
        Assert.Equal(FieldPairingAction.EmitHeld | FieldPairingAction.EmitCurrent, pairing.AfterAccessUnit(allocated: true, fieldPicture: false));
        Assert.Equal(FieldPairingAction.HoldCurrent, pairing.AfterAccessUnit(allocated: true, fieldPicture: true));
        Assert.Equal(FieldPairingAction.EmitHeld | FieldPairingAction.HoldCurrent, pairing.AfterAccessUnit(allocated: true, fieldPicture: true));
        Assert.Equal(FieldPairingAction.EmitHeld, pairing.Finish());
    }

    [Fact]
    public void Access_units_without_a_picture_change_nothing()
    {
        var pairing = new FieldPairing();

        Assert.Equal(FieldPairingAction.None, pairing.AfterAccessUnit(allocated: false, fieldPicture: false));
        Assert.Equal(FieldPairingAction.HoldCurrent, pairing.AfterAccessUnit(allocated: true, fieldPicture: true));
        Assert.Equal(FieldPairingAction.None, pairing.AfterAccessUnit(allocated: false, fieldPicture: false)); // SEI only
        Assert.Equal(FieldPairingAction.EmitHeld, pairing.AfterAccessUnit(allocated: false, fieldPicture: true));
    }
}
