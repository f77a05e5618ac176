namespace Vtr.Cli.Transport;

/// <summary>The node refused or ended a session (busy, auth, bad configuration, ERROR message).</summary>
public sealed class Vtr1SessionRefusedException : Exception
{
    public Vtr1SessionRefusedException(string message)
        : base(message)
    {
    }

    public Vtr1SessionRefusedException()
    {
    }

    public Vtr1SessionRefusedException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
