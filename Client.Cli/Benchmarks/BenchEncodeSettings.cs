using System.Collections.Immutable;
using System.Globalization;
using Vtr.Node.Codecs;
using Vtr.Shared.Media;
using Vtr.Shared.Wire;

namespace Vtr.Cli.Benchmarks;

/// <summary>
/// One encoder configuration, expressed twice: as the CONFIGURE a remote client sends and as the
/// <see cref="EncoderSettings"/> the node would derive from it, so local and remote x264 runs are identical.
/// </summary>
internal sealed class BenchEncodeSettings
{
    private readonly ImmutableArray<KeyValuePair<string, string>> _options;

    public BenchEncodeSettings(RemoteBenchOptions bench, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(bench);
        _options = [new("bitrate", bench.Bitrate.ToString(CultureInfo.InvariantCulture))];
        TimeBase = new Rational(1, (uint)bench.FrameRate);
        FrameRate = new Rational((uint)bench.FrameRate, 1);
        Width = width;
        Height = height;
        Codec = bench.Codec;
        Encoder = new EncoderSettings(Codec, width, height, WirePixelFormat.Nv12, TimeBase, FrameRate, EncoderOptionsParser.Parse(_options));
    }

    public VideoCodec Codec { get; }

    public int Width { get; }

    public int Height { get; }

    public Rational TimeBase { get; }

    public Rational FrameRate { get; }

    /// <summary>What the in-process baseline opens.</summary>
    public EncoderSettings Encoder { get; }

    /// <summary>The CONFIGURE of a remote session: the same options plus wire_compression.</summary>
    public ConfigureMessage ToConfigure(WireCompression compression) => new(
        (uint)Width,
        (uint)Height,
        WirePixelFormat.Nv12,
        TimeBase,
        FrameRate,
        _options.Add(new(ConfigureMessage.WireCompressionOption, ((byte)compression).ToString(CultureInfo.InvariantCulture))),
        ReadOnlyMemory<byte>.Empty);
}
