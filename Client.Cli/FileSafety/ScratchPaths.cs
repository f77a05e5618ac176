namespace Vtr.Cli.FileSafety;

/// <summary>
/// Files and folders a run creates and must not leave behind: the temp output beside the target (and the muxer's own
/// temp next to it, which shares its name as a prefix) and segment spill folders. Their owners delete them on every
/// normal path; this list is for the path that is not normal — a Ctrl-C whose graceful stop overruns its budget, or
/// a second Ctrl-C — when the process exits before any finally block runs. Thread-safe.
/// </summary>
public sealed class ScratchPaths
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _paths = [];

    /// <summary>Remembers <paramref name="path"/>; for a file, also the temp file a muxer writes beside it (see <see cref="Delete"/>).</summary>
    public void Track(string path)
    {
        lock (_gate)
        {
            _paths.Add(Path.GetFullPath(path));
        }
    }

    /// <summary>Forgets <paramref name="path"/> (its owner deleted it, or it became the user's output).</summary>
    public void Release(string path)
    {
        lock (_gate)
        {
            _paths.Remove(Path.GetFullPath(path));
        }
    }

    /// <summary>Deletes everything still tracked, best effort: it runs on the way out of the process.</summary>
    public void DeleteAll()
    {
        string[] paths;
        lock (_gate)
        {
            paths = [.. _paths];
            _paths.Clear();
        }

        foreach (var path in paths)
        {
            Delete(path);
        }
    }

    /// <summary>Deletes a folder, or a file together with the siblings named ".{its name without extension}." (the
    /// muxer's own temp file, which it renames onto this one when done); ignores what is gone.</summary>
    public static void Delete(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
                return;
            }

            var folder = Path.GetDirectoryName(path);
            if (folder is null || !Directory.Exists(folder))
            {
                return;
            }

            File.Delete(path);
            foreach (var sibling in Directory.EnumerateFiles(folder, "." + Path.GetFileNameWithoutExtension(path) + ".*"))
            {
                File.Delete(sibling);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort on the way out: a leftover temp file is named as one (.partial) and the next run is unaffected.
        }
    }
}
