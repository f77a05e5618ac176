namespace Vtr.Cli.Segmenting;

/// <summary>The cluster cannot run the job: no node encodes the requested codec, or the coordinator gave up.</summary>
public sealed class TranscodeFailedException : Exception
{
    public TranscodeFailedException()
    {
    }

    public TranscodeFailedException(string message)
        : base(message)
    {
    }

    public TranscodeFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
