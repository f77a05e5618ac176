namespace Vtr.Shared.Wire;

/// <summary>The peer broke the VTR1 protocol; <see cref="Code"/> is what an ERROR reply would carry.</summary>
public sealed class Vtr1ProtocolException : Exception
{
    public Vtr1ProtocolException(Vtr1ErrorCode code, string message)
        : base(message)
    {
        Code = code;
    }

    public Vtr1ProtocolException(Vtr1ErrorCode code, string message, Exception innerException)
        : base(message, innerException)
    {
        Code = code;
    }

    public Vtr1ProtocolException()
        : this(Vtr1ErrorCode.Malformed, "malformed VTR1 data")
    {
    }

    public Vtr1ProtocolException(string message)
        : this(Vtr1ErrorCode.Malformed, message)
    {
    }

    public Vtr1ProtocolException(string message, Exception innerException)
        : this(Vtr1ErrorCode.Malformed, message, innerException)
    {
    }

    public Vtr1ErrorCode Code { get; }

    internal static Vtr1ProtocolException Malformed(string message) => new(Vtr1ErrorCode.Malformed, message);
}
