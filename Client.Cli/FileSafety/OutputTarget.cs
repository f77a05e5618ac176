namespace Vtr.Cli.FileSafety;

/// <summary>
/// The output file, checked before any work and written only through a temp file beside it: <see cref="Reserve"/>
/// refuses an output that is the input (same path, symlink or hard link), that exists without -y, or whose folder is
/// missing or not writable, and creates the empty temp file (proving the folder writable); <see cref="Commit"/>
/// renames the finished temp over the output in one step, only after the caller verified it. Disposing without
/// committing deletes the temp file, so a failure never touches the user's file.
/// </summary>
public sealed class OutputTarget : IDisposable
{
    private readonly bool _overwrite;
    private readonly ScratchPaths _scratch;
    private bool _committed;

    private OutputTarget(string outputPath, string tempPath, bool overwrite, ScratchPaths scratch)
    {
        OutputPath = outputPath;
        TempPath = tempPath;
        _overwrite = overwrite;
        _scratch = scratch;
    }

    /// <summary>The user's output, as a full path.</summary>
    public string OutputPath { get; }

    /// <summary>Where the output is written until <see cref="Commit"/>: a hidden file beside it, same extension.</summary>
    public string TempPath { get; }

    /// <summary>Checks the output and creates its temp file; throws <see cref="OutputRefusedException"/> with nothing written.</summary>
    /// <param name="inputPath">The input, or null when there is none yet (the generated sample).</param>
    public static OutputTarget Reserve(string? inputPath, string outputPath, bool overwrite, ScratchPaths scratch)
    {
        ArgumentNullException.ThrowIfNull(outputPath);
        ArgumentNullException.ThrowIfNull(scratch);
        var full = Path.GetFullPath(outputPath);
        if (inputPath is not null && File.Exists(inputPath) && FileIdentity.AreSame(inputPath, full))
        {
            throw new OutputRefusedException($"the output '{outputPath}' is the input file (choose another -o)");
        }

        var folder = Path.GetDirectoryName(full) ?? throw new OutputRefusedException($"'{outputPath}' is not a file path (give -o FOLDER/NAME.mp4)");
        if (!Directory.Exists(folder))
        {
            throw new OutputRefusedException($"the output folder '{folder}' does not exist (create it or choose another -o)");
        }

        if (Directory.Exists(full))
        {
            throw new OutputRefusedException($"the output '{outputPath}' is a folder (give a file name such as {Path.Combine(outputPath, "out.mp4")})");
        }

        if (File.Exists(full) && !overwrite)
        {
            throw new OutputRefusedException($"the output '{outputPath}' already exists (add -y to overwrite it, or choose another -o)");
        }

        var temp = Path.Combine(folder, $".{Path.GetFileNameWithoutExtension(full)}.vtr-{Guid.NewGuid():N}.partial{Path.GetExtension(full)}");
        try
        {
            // Creating the temp file is the only reliable writability test (ACLs, read-only mounts, root on procfs).
            new FileStream(temp, FileMode.CreateNew, FileAccess.Write).Dispose();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new OutputRefusedException($"the output folder '{folder}' is not writable (choose another -o)", ex);
        }

        scratch.Track(temp);
        return new OutputTarget(full, temp, overwrite, scratch);
    }

    /// <summary>Renames the finished temp file to the output in one step. Without -y an output that appeared meanwhile
    /// is left alone and the run is refused.</summary>
    public void Commit()
    {
        try
        {
            File.Move(TempPath, OutputPath, _overwrite);
        }
        catch (IOException ex) when (!_overwrite && File.Exists(OutputPath))
        {
            throw new OutputRefusedException($"the output '{OutputPath}' appeared while transcoding and was left alone (add -y to overwrite it)", ex);
        }

        _committed = true;
        _scratch.Release(TempPath);
    }

    public void Dispose()
    {
        if (!_committed)
        {
            ScratchPaths.Delete(TempPath);
            _scratch.Release(TempPath);
        }
    }
}
