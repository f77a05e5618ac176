namespace Vtr.Cli.Commands;

/// <summary>Process exit codes of every `vtr` command (the table in README.md lists them for users).</summary>
public enum ExitCode
{
    Success = 0,

    /// <summary>The job failed: the cluster could not encode a segment, or writing the output failed part-way.</summary>
    Failure = 1,

    /// <summary>Usage: an unknown option, a missing or invalid value.</summary>
    BadArguments = 2,

    /// <summary>The input is missing, unreadable or not a supported video.</summary>
    InputUnusable = 3,

    /// <summary>No seed answered, or no node can encode the codec.</summary>
    ClusterUnreachable = 4,

    /// <summary>The assembled output failed verification; nothing was written under the output name.</summary>
    OutputCheckFailed = 5,

    /// <summary>The output was refused before any work: it is the input, it exists (no -y), or its folder is missing or not writable.</summary>
    OutputRefused = 6,

    /// <summary>The farm is secured and this machine lacks its certificate (or holds another farm's, or an unusable file).</summary>
    NotInFarm = 7,

    /// <summary>Ctrl-C (128 + SIGINT, as shells report it).</summary>
    Interrupted = 130,
}
