using System.CommandLine;
using Vtr.Node.Codecs.FFmpeg;

namespace Vtr.Cli.Benchmarks;

/// <summary>
/// The options every `vtr bench` that generates and encodes a clip shares (remote, cluster, quality): picture size,
/// x264/x265 preset and runs per configuration, declared and checked once so the commands cannot drift apart in
/// names, rules or messages. Each command keeps its own defaults, which differ on purpose (remote measures 1080p
/// frames, cluster and quality 720p transcodes).
/// </summary>
internal sealed class BenchClipOptions
{
    public BenchClipOptions(int width, int height, string presetDescription, int? rounds = null, string? roundsDescription = null)
    {
        Width = new Option<int>("--width") { Description = "picture width", DefaultValueFactory = _ => width };
        Height = new Option<int>("--height") { Description = "picture height", DefaultValueFactory = _ => height };
        Preset = new Option<string>("--preset") { Description = presetDescription, DefaultValueFactory = _ => "veryfast" };
        if (rounds is { } defaultRounds)
        {
            Rounds = new Option<int>("--rounds") { Description = roundsDescription, DefaultValueFactory = _ => defaultRounds };
        }
    }

    public Option<int> Width { get; }

    public Option<int> Height { get; }

    public Option<string> Preset { get; }

    /// <summary>Runs per configuration, interleaved; null for a benchmark that runs each once.</summary>
    public Option<int>? Rounds { get; }

    /// <summary>Adds the options to <paramref name="command"/>, in the order `--help` lists them.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var option in (Option?[])[Width, Height, Preset, Rounds])
        {
            if (option is not null)
            {
                command.Options.Add(option);
            }
        }
    }

    /// <summary>--rounds, at least 1 (1 when the benchmark has no such option).</summary>
    public int RoundsOf(ParseResult parse) => Rounds is null ? 1 : Math.Max(1, parse.GetValue(Rounds));

    /// <summary>
    /// What is wrong with the size or preset, or null: a known preset, sides of at least 16 pixels, and even sides when
    /// <paramref name="evenSides"/> (4:2:0 chroma of a generated clip that ffmpeg also encodes).
    /// </summary>
    public string? Problem(ParseResult parse, bool evenSides)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var (width, height, preset) = (parse.GetValue(Width), parse.GetValue(Height), parse.GetValue(Preset) ?? "");
        return !SoftwarePresetLadder.IsKnown(preset) ? $"unknown x264 preset '{preset}'"
            : width < 16 || height < 16 ? "need --width and --height of at least 16"
            : evenSides && (width % 2 != 0 || height % 2 != 0) ? "need an even --width and --height"
            : null;
    }
}
