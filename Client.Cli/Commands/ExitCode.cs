namespace Vtr.Cli.Commands;

/// <summary>Process exit codes of every `vtr` command.</summary>
public enum ExitCode
{
    Success = 0,
    Failure = 1,
    BadArguments = 2,
    InputUnusable = 3,
    ClusterUnreachable = 4,
    OutputCheckFailed = 5,
}
