namespace Vtr.Node.Codecs;

/// <summary>A codec backend failed (bad settings, native error). Its message is safe to send in an ERROR.</summary>
public class CodecException : Exception
{
    public CodecException(string message)
        : base(message)
    {
    }

    public CodecException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public CodecException()
    {
    }

    /// <summary>True when the session may be recreated and resumed with a keyframe (transient native failure).</summary>
    public bool IsRecoverable { get; init; }
}
