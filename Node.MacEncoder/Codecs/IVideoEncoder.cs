namespace Vtr.Node.Codecs;

/// <summary>
/// One encoder session, shaped like libavcodec's send/receive API. Not thread-safe: one owner drives it.
/// Backends never see actors or sockets.
/// </summary>
public interface IVideoEncoder : IDisposable
{
    /// <summary>Bare avcC (H.264) or hvcC (HEVC) record for CONFIGURE_ACK; empty if the backend has none.</summary>
    ReadOnlyMemory<byte> DecoderConfigurationRecord { get; }

    /// <summary>Options that were ignored, clamped or changed, plus the effective speed preset.</summary>
    IReadOnlyList<string> Warnings { get; }

    /// <summary>Copies the frame's planes into the encoder. <see cref="SubmitResult.NeedsDrain"/> means: receive first, then retry.</summary>
    SubmitResult Submit(in RawVideoFrame frame);

    /// <summary>Next packet in decode order, if one is ready. After <see cref="Flush"/>, drains to <see cref="ReceiveResult.EndOfStream"/>.</summary>
    ReceiveResult Receive(out EncodedPacket? packet);

    /// <summary>Signals end of input; every buffered frame becomes a packet on later <see cref="Receive"/> calls.</summary>
    void Flush();
}
