using Vtr.Node.Codecs;
using Vtr.Shared.Media;

namespace Vtr.Integration.Tests.Cluster;

/// <summary>
/// Holds every encoder of the nodes it wraps at its next frame while closed, so a test can make an event (the
/// coordinator's hand-over) land mid-job however fast the machine is. Encoding itself is the real libx264.
/// </summary>
public sealed class EncodingGate : IDisposable
{
    private readonly ManualResetEventSlim _open = new(initialState: true);

    public void Close() => _open.Reset();

    public void Open() => _open.Set();

    public ICodecBackend Wrap(ICodecBackend inner) => new GatedBackend(inner, _open);

    public void Dispose()
    {
        _open.Set(); // never leave a codec thread parked
        _open.Dispose();
    }

    private sealed class GatedBackend(ICodecBackend inner, ManualResetEventSlim open) : ICodecBackend
    {
        public string Name => inner.Name;

        public bool IsHardware => inner.IsHardware;

        public IReadOnlyList<VideoCodec> EncodeCodecs => inner.EncodeCodecs;

        public IReadOnlyList<VideoCodec> DecodeCodecs => inner.DecodeCodecs;

        public IVideoEncoder CreateEncoder(EncoderSettings settings) => new GatedEncoder(inner.CreateEncoder(settings), open);

        public IVideoDecoder CreateDecoder(DecoderSettings settings) => inner.CreateDecoder(settings);
    }

    private sealed class GatedEncoder(IVideoEncoder inner, ManualResetEventSlim open) : IVideoEncoder
    {
        public ReadOnlyMemory<byte> DecoderConfigurationRecord => inner.DecoderConfigurationRecord;

        public IReadOnlyList<string> Warnings => inner.Warnings;

        public SubmitResult Submit(in RawVideoFrame frame)
        {
            // Blocks the codec actor's own pinned thread only; bounded so a forgotten gate cannot hang a run.
            open.Wait(TimeSpan.FromSeconds(60));
            return inner.Submit(frame);
        }

        public ReceiveResult Receive(out EncodedPacket? packet) => inner.Receive(out packet);

        public void Flush() => inner.Flush();

        public void Dispose() => inner.Dispose();
    }
}
