using Vtr.Node.Buffers;
using Vtr.Node.Codecs;

namespace Vtr.Node.Sessions;

/// <summary>
/// Messages of a <see cref="SessionActor"/> besides the connection events (Transport/ConnectionEvents):
/// what its <see cref="CodecActor"/> reports back, and its own timers.
/// Supervision: the session stops its codec child on any failure it could not recover itself, then
/// sends ERROR(CodecFailed) and closes; the EncoderPool stops failed sessions (a socket cannot be resumed).
/// </summary>
public static class SessionProtocol
{
    /// <summary>
    /// Published on the node's event stream (by the announcer, from the coordinator's <c>SegmentCopyLost</c>): the copy
    /// under <paramref name="Lease"/> (a CONFIGURE <c>lease</c> value) lost to another copy of segment
    /// <paramref name="SegmentIndex"/>. The session running it says so and stops.
    /// </summary>
    public sealed record CopyLost(string Lease, int SegmentIndex);

    /// <summary>A session dropped midway heard no <see cref="CopyLost"/> for it in time: it logs a plain close.</summary>
    public sealed record LostCopyGraceEnded
    {
        public static readonly LostCopyGraceEnded Instance = new();

        private LostCopyGraceEnded()
        {
        }
    }

    /// <summary>The codec opened; the record goes into CONFIGURE_ACK.</summary>
    public sealed record CodecReady(ReadOnlyMemory<byte> DecoderConfigurationRecord, IReadOnlyList<string> Warnings);

    public sealed record CodecOpenFailed(string Reason);

    /// <summary>An encoded packet, in decode order; the session owns it and disposes it after sending.</summary>
    public sealed record PacketEncoded(EncodedPacket Packet) : IPooledMessage
    {
        public void Dispose() => Packet.Dispose();
    }

    /// <summary>A decoded picture, already written as a FRAME on the codec's thread; the session owns it.</summary>
    public sealed record PictureDecoded(OutboundFrame Frame) : IPooledMessage
    {
        public void Dispose() => Frame.Dispose();
    }

    /// <summary>The codec sent one batch of drained outputs; it sends the next on <see cref="CodecProtocol.ContinueDrain"/>.</summary>
    public sealed record DrainPaused
    {
        public static readonly DrainPaused Instance = new();
    }

    /// <summary>One input (FRAME or PACKET) was consumed by the codec: its connection credit may be returned.</summary>
    public sealed record InputConsumed
    {
        public static readonly InputConsumed Instance = new();
    }

    /// <summary>The output's measurement (transcode with measure=quality), sent just before <see cref="CodecDrained"/>.</summary>
    public sealed record QualityMeasured(QualityMeasurement Measurement);

    /// <summary>Everything buffered came out after a drain request.</summary>
    public sealed record CodecDrained
    {
        public static readonly CodecDrained Instance = new();
    }

    /// <summary>The codec had to be reopened; the next frame is a forced keyframe.</summary>
    public sealed record CodecRecovered(string Reason);

    public sealed record IdleTimedOut
    {
        public static readonly IdleTimedOut Instance = new();
    }

    /// <summary>A pending output flush completed: deferred credits may be returned.</summary>
    public sealed record OutputFlushed
    {
        public static readonly OutputFlushed Instance = new();
    }

    public sealed record OutputFailed(string Reason);
}
