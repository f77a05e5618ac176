namespace Vtr.Cli.Media;

/// <summary>The output containers vtr writes, chosen by the output file's extension.</summary>
public static class OutputContainer
{
    /// <summary>The libavformat muxer name for <paramref name="outputPath"/>; <see cref="UnsupportedMediaException"/> otherwise.</summary>
    public static string MuxerFor(string outputPath) => Path.GetExtension(outputPath).ToLowerInvariant() switch
    {
        ".mp4" => "mp4",
        ".mov" => "mov",
        ".mkv" => "matroska",
        var other => throw new UnsupportedMediaException(
            $"Cannot write '{outputPath}': unsupported output extension '{(other.Length == 0 ? "(none)" : other)}'; use .mp4, .mov or .mkv."),
    };

    /// <summary>True for .mov and .mp4 (ISO BMFF sample entries: codec tags such as hvc1 apply).</summary>
    public static bool IsQuickTimeFamily(string outputPath) => MuxerFor(outputPath) is "mov" or "mp4";
}
