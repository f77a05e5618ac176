using System.Buffers;
using Vtr.Shared.Media;

namespace Vtr.Node.Codecs;

/// <summary>
/// Wraps an encoder for a client that did not ask for global headers (CONFIGURE <c>flags</c> without
/// AV_CODEC_FLAG_GLOBAL_HEADER, e.g. FFmpeg writing raw .h264/.hevc or MPEG-TS with <c>flags=256</c>): every
/// keyframe packet then starts with the parameter sets, so the stream decodes on its own from any keyframe.
/// The CONFIGURE_ACK still carries the avcC/hvcC. Works the same over VideoToolbox and libavcodec, whose
/// encoders this node always opens with global headers.
/// </summary>
public sealed class InBandParameterSetEncoder : IVideoEncoder
{
    private readonly IVideoEncoder _inner;
    private readonly VideoCodec _codec;
    private byte[] _parameterSets;

    public InBandParameterSetEncoder(IVideoEncoder inner, VideoCodec codec)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
        _codec = codec;
        var record = inner.DecoderConfigurationRecord;
        _parameterSets = record.IsEmpty
            ? []
            : InBandParameterSets.Select(codec, Shared.Bitstream.DecoderConfigurationRecord.ToAnnexB(codec, record.Span));
        Warnings = _parameterSets.Length == 0
            ? [.. inner.Warnings, "no global headers to repeat in keyframes: parameter sets only where the encoder puts them"]
            : inner.Warnings;
    }

    public ReadOnlyMemory<byte> DecoderConfigurationRecord => _inner.DecoderConfigurationRecord;

    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Wraps <paramref name="encoder"/> unless the client's flags ask for global headers.</summary>
    public static IVideoEncoder WhenRequested(IVideoEncoder encoder, EncoderSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Options.WantsGlobalHeader ? encoder : new InBandParameterSetEncoder(encoder, settings.Codec);
    }

    public SubmitResult Submit(in RawVideoFrame frame) => _inner.Submit(frame);

    public ReceiveResult Receive(out EncodedPacket? packet)
    {
        var result = _inner.Receive(out packet);
        if (result == ReceiveResult.Output && packet is { IsKeyframe: true })
        {
            packet = WithParameterSets(packet);
        }

        return result;
    }

    public void Flush() => _inner.Flush();

    public void Dispose() => _inner.Dispose();

    /// <summary>Takes ownership of <paramref name="packet"/>; returns it or a copy with the parameter sets in front.</summary>
    private EncodedPacket WithParameterSets(EncodedPacket packet)
    {
        var data = packet.Data.Span;
        if (InBandParameterSets.Carries(_codec, data))
        {
            // The encoder repeated them itself; later keyframes repeat these (they may have changed).
            _parameterSets = InBandParameterSets.Select(_codec, data);
            return packet;
        }

        if (_parameterSets.Length == 0)
        {
            return packet;
        }

        using (packet)
        {
            var length = InBandParameterSets.InsertedLength(_parameterSets, data);
            var owner = MemoryPool<byte>.Shared.Rent(length);
            InBandParameterSets.Insert(_codec, _parameterSets, data, owner.Memory.Span);
            return new EncodedPacket(owner, length, packet.Pts, packet.Dts, packet.Duration, isKeyframe: true);
        }
    }
}
