namespace Vtr.Cli.FileSafety;

/// <summary>The output cannot be written without harm or at all: it is the input, it exists (and -y was not given), or
/// its folder is missing or not writable. The message is one line saying what to do.</summary>
public sealed class OutputRefusedException : Exception
{
    public OutputRefusedException()
    {
    }

    public OutputRefusedException(string message)
        : base(message)
    {
    }

    public OutputRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
