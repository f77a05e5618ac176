using Vtr.Node.Codecs.FFmpeg;

namespace Vtr.Node.Codecs;

/// <summary>Which library decodes a source codec on this node.</summary>
public enum SourceDecoderLibrary
{
    VideoToolbox,
    Libavcodec,
}

/// <summary>
/// The source codecs a node announces and who decodes each: VideoToolbox for every codec it decodes (ProRes, H.264, HEVC
/// on a Mac), libavcodec on the same machine for the rest it decodes (DNxHR, MPEG-2, ... when FFmpeg is installed).
/// A codec neither decodes is not announced, so the coordinator sends such a source as raw frames.
/// Pure: the Mac backend builds it from its VideoToolbox probe and the FFmpeg backend's list.
/// </summary>
public sealed class SourceDecoderRoutes
{
    private readonly Dictionary<string, SourceDecoderLibrary> _routes;

    private SourceDecoderRoutes(Dictionary<string, SourceDecoderLibrary> routes, IReadOnlyList<string> announced)
    {
        _routes = routes;
        Announced = announced;
    }

    /// <summary>The FFmpeg codec names to announce, in <see cref="SourceDecoders.Candidates"/> order, others after by name.</summary>
    public IReadOnlyList<string> Announced { get; }

    public static SourceDecoderRoutes Build(IEnumerable<string> videoToolbox, IEnumerable<string> libavcodec)
    {
        ArgumentNullException.ThrowIfNull(videoToolbox);
        ArgumentNullException.ThrowIfNull(libavcodec);
        var routes = new Dictionary<string, SourceDecoderLibrary>(StringComparer.Ordinal);
        foreach (var codec in libavcodec)
        {
            routes[codec] = SourceDecoderLibrary.Libavcodec;
        }

        foreach (var codec in videoToolbox)
        {
            routes[codec] = SourceDecoderLibrary.VideoToolbox;
        }

        var rank = SourceDecoders.Candidates.Select((codec, i) => (codec, i)).ToDictionary(pair => pair.codec, pair => pair.i, StringComparer.Ordinal);
        var announced = routes.Keys
            .OrderBy(codec => rank.GetValueOrDefault(codec, int.MaxValue))
            .ThenBy(codec => codec, StringComparer.Ordinal)
            .ToArray();
        return new SourceDecoderRoutes(routes, announced);
    }

    /// <summary>Who decodes <paramref name="codec"/>, or null when this node cannot.</summary>
    public SourceDecoderLibrary? RouteOf(string codec) => _routes.TryGetValue(codec, out var library) ? library : null;
}
