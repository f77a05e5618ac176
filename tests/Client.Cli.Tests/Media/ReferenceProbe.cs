using System.Globalization;
using System.Text.Json;
using Vtr.Cli.Media;

namespace Vtr.Client.Cli.Tests.Media;

/// <summary>ffprobe's answers about a file, to compare our libavformat reading against.</summary>
internal static class ReferenceProbe
{
    public static async Task<JsonElement> JsonAsync(params string[] arguments)
    {
        var result = await MediaToolRunner.RunAsync(MediaToolRunner.FFprobe, ["-v", "error", "-of", "json", .. arguments], TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.True(result.Succeeded, result.StandardError);
        return JsonDocument.Parse(result.StandardOutput).RootElement.Clone();
    }

    public static async Task<List<(long Pts, bool Key)>> VideoPacketsAsync(string path)
    {
        var json = await JsonAsync("-select_streams", "v:0", "-show_entries", "packet=pts,flags", path);
        return json.GetProperty("packets").EnumerateArray()
            .Select(p => (p.GetProperty("pts").GetInt64(), p.GetProperty("flags").GetString()!.Contains('K', StringComparison.Ordinal)))
            .ToList();
    }

    public static long Parse(string text) => long.Parse(text, CultureInfo.InvariantCulture);
}
