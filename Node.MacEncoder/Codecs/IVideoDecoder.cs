namespace Vtr.Node.Codecs;

/// <summary>One decoder session, shaped like libavcodec's send/receive API. Not thread-safe.</summary>
public interface IVideoDecoder : IDisposable
{
    /// <summary>Sends one Annex B access unit. <see cref="SubmitResult.NeedsDrain"/> means: receive first, then retry.</summary>
    SubmitResult Submit(in EncodedPacketInput packet);

    /// <summary>Next decoded picture, if one is ready. After <see cref="Flush"/>, drains to <see cref="ReceiveResult.EndOfStream"/>.</summary>
    ReceiveResult Receive(out DecodedPicture? picture);

    /// <summary>Signals end of input.</summary>
    void Flush();

    /// <summary>
    /// True when every packet's picture comes out right after the packet, in decode order — what a session asked for
    /// with <see cref="DecoderSettings.OutputInDecodeOrder"/> gets unless the backend cannot provide it.
    /// </summary>
    bool OutputsInDecodeOrder { get; }
}
