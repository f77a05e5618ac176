using Vtr.Node.Codecs;
using Vtr.Shared.Media;

namespace Vtr.Integration.Tests.Node.Pooling;

/// <summary>
/// The real backend whose encoders fail to open, once <paramref name="openAttempted"/> lets them try: the test decides
/// what the session holds when the failure arrives (a real encoder cannot be made to fail its open on cue).
/// </summary>
public sealed class OpenFailingBackend(ICodecBackend inner, Func<Task> openAttempted) : ICodecBackend
{
    private static readonly TimeSpan GateTimeout = TimeSpan.FromSeconds(20);

    public string Name => inner.Name;

    public bool IsHardware => inner.IsHardware;

    public IReadOnlyList<VideoCodec> EncodeCodecs => inner.EncodeCodecs;

    public IReadOnlyList<VideoCodec> DecodeCodecs => inner.DecodeCodecs;

    public IVideoEncoder CreateEncoder(EncoderSettings settings)
    {
        // Runs on the codec actor's own pinned thread, so waiting here holds up nothing but this session's open.
        if (!openAttempted().Wait(GateTimeout))
        {
            throw new CodecException("the test never let the open proceed");
        }

        throw new CodecException("injected open failure");
    }

    public IVideoDecoder CreateDecoder(DecoderSettings settings) => inner.CreateDecoder(settings);
}
