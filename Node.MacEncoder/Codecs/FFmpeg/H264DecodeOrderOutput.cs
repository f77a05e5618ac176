using Vtr.Native.FFmpeg;
using Vtr.Shared.Media;

namespace Vtr.Node.Codecs.FFmpeg;

/// <summary>
/// H.264 pictures in decode order (WIRE.md §3.3), one per access unit, from what <see cref="DecodeOrderCapture"/>
/// takes at allocation: each is cropped by the window of the SPS its slices refer to, and a field pair coded as two
/// access units (PAFF) comes out once, complete, after its second field, lasting both fields — the first field's
/// packet yields nothing, as no whole picture exists yet. A field left unpaired comes out as it is when the next
/// picture starts or the stream ends. A pair carried whole in one packet is a picture like a frame.
/// </summary>
internal sealed class H264DecodeOrderOutput : IDisposable
{
    private readonly FFmpegRuntime _runtime;
    private readonly WirePixelFormat _output;
    private readonly DecodeOrderCapture _capture;
    private readonly H264SequenceTracker _sequence = new();
    private readonly Queue<DecodedPicture> _ready = new();
    private readonly FieldPairing _pairing = new();
    private HeldField? _heldField;
    private AccessUnitPicture _packet;

    private H264DecodeOrderOutput(FFmpegRuntime runtime, WirePixelFormat output, DecodeOrderCapture capture)
    {
        _runtime = runtime;
        _output = output;
        _capture = capture;
    }

    /// <summary>Hooks an allocated, unopened h264 context; throws <see cref="CodecException"/> when that cannot be done safely.</summary>
    public static H264DecodeOrderOutput Install(FFmpegRuntime runtime, WirePixelFormat output, SafeCodecContextHandle context) =>
        new(runtime, output, DecodeOrderCapture.Install(context, runtime.Layout));

    /// <summary>Parameter sets handed to the decoder outside packets (the CONFIGURE extradata).</summary>
    public void ObserveParameterSets(ReadOnlySpan<byte> annexB) => _sequence.Observe(annexB);

    /// <summary>Call with each access unit right before avcodec_send_packet.</summary>
    public void BeforeSend(ReadOnlySpan<byte> annexB)
    {
        _packet = _sequence.Observe(annexB);
        _capture.BeginPacket();
    }

    /// <summary>Call once avcodec_send_packet has decoded the access unit that carried these timestamps.</summary>
    public void AfterSend(long pts, long duration)
    {
        var allocated = _capture.TryTake();
        // Without an allocation, a held field is released because this access unit was its partner: the picture
        // lasts both fields.
        Apply(_pairing.AfterAccessUnit(allocated, _packet.FieldPicture), pts, duration, partnerDuration: allocated ? 0 : duration);
    }

    /// <summary>End of stream: a field still waiting for its partner is all there is of its picture.</summary>
    public void Finish() => Apply(_pairing.Finish(), 0, 0, partnerDuration: 0);

    public bool TryDequeue(out DecodedPicture? picture) => _ready.TryDequeue(out picture);

    public void Dispose()
    {
        _capture.Dispose();
        while (_ready.TryDequeue(out var picture))
        {
            picture.Dispose();
        }
    }

    private void Apply(FieldPairingAction action, long pts, long duration, long partnerDuration)
    {
        if (action.HasFlag(FieldPairingAction.EmitHeld) && _heldField is { } held)
        {
            _heldField = null;
            try
            {
                Emit(_capture.HeldPicture, held.Pts, held.Duration + partnerDuration, held.Window);
            }
            finally
            {
                _capture.ReleaseHeld();
            }
        }

        if (action.HasFlag(FieldPairingAction.HoldCurrent))
        {
            _capture.Hold();
            _heldField = new HeldField(pts, duration, _packet.Window);
        }
        else if (action.HasFlag(FieldPairingAction.EmitCurrent))
        {
            Emit(_capture.Picture, pts, duration, _packet.Window);
        }
    }

    private void Emit(nint frame, long pts, long duration, PictureWindow? window) =>
        _ready.Enqueue(DecodedPictureWriter.Write(_runtime, frame, _output, pts, duration, window));

    private readonly record struct HeldField(long Pts, long Duration, PictureWindow? Window);
}
