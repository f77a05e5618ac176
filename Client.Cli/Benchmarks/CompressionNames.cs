using Vtr.Shared.Media;

namespace Vtr.Cli.Benchmarks;

/// <summary>The names `--compression` takes and the report prints: none, lz4, zstd.</summary>
internal static class CompressionNames
{
    public static string Format(WireCompression compression) => compression switch
    {
        WireCompression.Lz4 => "lz4",
        WireCompression.Zstd => "zstd",
        _ => "none",
    };

    /// <summary>Parses a comma-separated list ("none,lz4,zstd"); false with the bad name on anything else.</summary>
    public static bool TryParseList(string text, out IReadOnlyList<WireCompression> compressions, out string? bad)
    {
        var parsed = new List<WireCompression>();
        bad = null;
        foreach (var name in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            WireCompression? value = name.ToLowerInvariant() switch
            {
                "none" or "0" => WireCompression.None,
                "lz4" or "1" => WireCompression.Lz4,
                "zstd" or "2" => WireCompression.Zstd,
                _ => null,
            };
            if (value is not { } compression)
            {
                bad = name;
                break;
            }

            if (!parsed.Contains(compression))
            {
                parsed.Add(compression);
            }
        }

        compressions = parsed;
        return bad is null && parsed.Count > 0;
    }
}
