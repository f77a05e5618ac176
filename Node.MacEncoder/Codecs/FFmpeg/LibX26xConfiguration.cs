namespace Vtr.Node.Codecs.FFmpeg;

/// <summary>
/// What <see cref="LibX26xOptionMapper"/> decided for one encoder: AVOptions to apply in order (context
/// options and x264/x265 private options, including the "-params" string), plus the warnings for CONFIGURE_ACK.
/// Pure data, so the mapping is testable without native code.
/// </summary>
public sealed record LibX26xConfiguration(
    string EncoderName,
    string Preset,
    string InputPixelFormat,
    int Threads,
    int BFrames,
    int Lookahead,
    IReadOnlyList<KeyValuePair<string, string>> AvOptions,
    IReadOnlyList<string> Warnings)
{
    /// <summary>The value of the last AVOption named <paramref name="name"/>, or null.</summary>
    public string? Option(string name)
    {
        string? value = null;
        foreach (var option in AvOptions)
        {
            if (option.Key == name)
            {
                value = option.Value;
            }
        }

        return value;
    }

    /// <summary>One key of the x264-params/x265-params string, or null.</summary>
    public string? Param(string key)
    {
        var all = Option(EncoderName == LibX26xOptionMapper.LibX265 ? "x265-params" : "x264-params");
        if (all is null)
        {
            return null;
        }

        foreach (var pair in all.Split(':'))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && pair.AsSpan(0, eq).SequenceEqual(key))
            {
                return pair[(eq + 1)..];
            }
        }

        return null;
    }
}
