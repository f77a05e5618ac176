namespace Vtr.Node.Codecs.FFmpeg;

/// <summary>What to do with the captured pictures after one access unit (see <see cref="FieldPairing"/>).</summary>
[Flags]
internal enum FieldPairingAction
{
    None = 0,

    /// <summary>Emit the held first field's picture (complete now, or left unpaired), then forget it.</summary>
    EmitHeld = 1,

    /// <summary>Emit the picture this access unit allocated.</summary>
    EmitCurrent = 2,

    /// <summary>Keep the picture this access unit allocated: it holds one field, its partner comes next.</summary>
    HoldCurrent = 4,
}

/// <summary>
/// When an H.264 picture is complete in decode order: a frame at once; a field pair coded as two access units (PAFF)
/// after its second field, which decodes into the first field's buffer and allocates nothing. A held field whose
/// partner never comes goes out as it is when the next picture starts or the stream ends. EmitHeld always comes
/// before EmitCurrent/HoldCurrent in one result.
/// </summary>
internal sealed class FieldPairing
{
    private bool _holding;

    /// <param name="allocated">The access unit allocated a new picture.</param>
    /// <param name="fieldPicture">The access unit codes one field (field_pic_flag).</param>
    public FieldPairingAction AfterAccessUnit(bool allocated, bool fieldPicture)
    {
        if (!allocated)
        {
            // A second field completes the held picture; anything else (parameter sets, SEI) changes nothing.
            return fieldPicture ? ReleaseHeld() : FieldPairingAction.None;
        }

        var action = ReleaseHeld();
        if (fieldPicture)
        {
            _holding = true;
            return action | FieldPairingAction.HoldCurrent;
        }

        return action | FieldPairingAction.EmitCurrent;
    }

    /// <summary>End of stream.</summary>
    public FieldPairingAction Finish() => ReleaseHeld();

    private FieldPairingAction ReleaseHeld()
    {
        var action = _holding ? FieldPairingAction.EmitHeld : FieldPairingAction.None;
        _holding = false;
        return action;
    }
}
