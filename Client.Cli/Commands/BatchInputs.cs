using System.Collections.Immutable;
using Vtr.Cli.Segmenting;

namespace Vtr.Cli.Commands;

/// <summary>
/// The files of a `vtr transcode` batch: several inputs, or a folder (its media files, not its subfolders), each
/// written as OUTDIR/&lt;input stem&gt;.&lt;extension&gt;. -o names the folder with a trailing separator or as an existing
/// folder (outputs are .mp4), or as OUTDIR/.mkv for another container.
/// </summary>
public static class BatchInputs
{
    /// <summary>The extensions a folder's files need to be taken as inputs; anything else in the folder is skipped.</summary>
    private static readonly ImmutableHashSet<string> MediaExtensions = ImmutableHashSet.Create(
        StringComparer.OrdinalIgnoreCase, ".mp4", ".m4v", ".mov", ".mkv", ".webm", ".ts", ".mts", ".m2ts", ".mxf", ".avi", ".flv",
        ".h264", ".264", ".h265", ".265", ".hevc");

    private const string DefaultExtension = ".mp4";

    /// <summary>True when the command line asks for a batch: more than one input, a folder as input, or -o as a folder.</summary>
    public static bool IsBatch(IReadOnlyList<string> inputs, string? output)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return inputs.Count > 1 || (inputs.Count == 1 && (Directory.Exists(inputs[0]) || (output is not null && IsFolderOutput(output))));
    }

    /// <summary>
    /// Each input file with its output; false with one line when -o is no folder, a folder holds no media file, or two
    /// inputs would write the same output. A missing input file is kept: it fails alone when its turn comes.
    /// </summary>
    public static bool TryExpand(IReadOnlyList<string> inputs, string output, out ImmutableArray<TranscodeFile> files, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(output);
        files = [];
        if (!IsFolderOutput(output))
        {
            problem = $"several inputs need -o FOLDER/ (or FOLDER/.mkv for another container), not '{output}'";
            return false;
        }

        var named = !Path.EndsInDirectorySeparator(output) && !Directory.Exists(output); // the "out/.mkv" form
        var folder = named ? Path.GetDirectoryName(output) is { Length: > 0 } parent ? parent : "." : output;
        var extension = named ? Path.GetExtension(output) : DefaultExtension;
        var builder = ImmutableArray.CreateBuilder<TranscodeFile>();
        var claimed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var input in inputs.SelectMany(Expand))
        {
            var target = Path.Combine(folder, Path.GetFileNameWithoutExtension(input) + extension);
            if (!claimed.TryAdd(Path.GetFullPath(target), input))
            {
                problem = $"'{claimed[Path.GetFullPath(target)]}' and '{input}' would both be written to '{target}' (transcode them in separate runs)";
                return false;
            }

            builder.Add(new TranscodeFile(input, target));
        }

        if (builder.Count == 0)
        {
            problem = $"no media files in '{string.Join("', '", inputs)}' (give files such as clip.mov, or a folder that holds them)";
            return false;
        }

        files = builder.ToImmutable();
        problem = null;
        return true;
    }

    /// <summary>"out/", an existing folder, or "out/.mkv" (a name that is only an extension).</summary>
    private static bool IsFolderOutput(string output) =>
        Path.EndsInDirectorySeparator(output) || Directory.Exists(output)
        || (Path.GetFileNameWithoutExtension(output).Length == 0 && Path.GetExtension(output).Length > 1);

    /// <summary>A folder's visible media files in name order (hidden files include vtr's own temp outputs); a file as itself.</summary>
    private static IEnumerable<string> Expand(string input) => Directory.Exists(input)
        ? Directory.EnumerateFiles(input)
            .Where(f => !Path.GetFileName(f).StartsWith('.') && MediaExtensions.Contains(Path.GetExtension(f)))
            .Order(StringComparer.Ordinal)
        : [input];
}
