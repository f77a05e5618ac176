using Vtr.Node.Codecs;
using Vtr.Shared.Media;

namespace Vtr.Integration.Tests.Node;

/// <summary>
/// The real libavcodec backend with one injected failure: the encoder throws on its Nth submit. Used only where
/// a test needs a native failure that the real encoder cannot be made to produce on demand.
/// </summary>
public sealed class FaultInjectingBackend(ICodecBackend inner, int failOnSubmit, bool recoverable) : ICodecBackend
{
    private int _failuresLeft = 1;
    private int _encodersCreated;
    private int _failuresInjected;

    /// <summary>Encoders opened through this backend (a recovered session opens a second one).</summary>
    public int EncodersCreated => Volatile.Read(ref _encodersCreated);

    /// <summary>Injected failures that really fired (the test must not pass because the failure never happened).</summary>
    public int FailuresInjected => Volatile.Read(ref _failuresInjected);

    public string Name => inner.Name;

    public bool IsHardware => inner.IsHardware;

    public IReadOnlyList<VideoCodec> EncodeCodecs => inner.EncodeCodecs;

    public IReadOnlyList<VideoCodec> DecodeCodecs => inner.DecodeCodecs;

    public IVideoEncoder CreateEncoder(EncoderSettings settings)
    {
        Interlocked.Increment(ref _encodersCreated);
        return Interlocked.Exchange(ref _failuresLeft, 0) == 1
            ? new FailingEncoder(inner.CreateEncoder(settings), failOnSubmit, recoverable, () => Interlocked.Increment(ref _failuresInjected))
            : inner.CreateEncoder(settings);
    }

    public IVideoDecoder CreateDecoder(DecoderSettings settings) => inner.CreateDecoder(settings);

    private sealed class FailingEncoder(IVideoEncoder inner, int failOnSubmit, bool recoverable, Action failed) : IVideoEncoder
    {
        private int _submits;

        public ReadOnlyMemory<byte> DecoderConfigurationRecord => inner.DecoderConfigurationRecord;

        public IReadOnlyList<string> Warnings => inner.Warnings;

        public SubmitResult Submit(in RawVideoFrame frame)
        {
            if (++_submits == failOnSubmit)
            {
                failed();
                throw new CodecException("injected native failure") { IsRecoverable = recoverable };
            }

            return inner.Submit(frame);
        }

        public ReceiveResult Receive(out EncodedPacket? packet) => inner.Receive(out packet);

        public void Flush() => inner.Flush();

        public void Dispose() => inner.Dispose();
    }
}
