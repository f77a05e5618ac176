namespace Vtr.Shared.Bitstream;

/// <summary>
/// A bitstream or decoder-configuration record that cannot be converted: missing parameter sets,
/// a truncated record, or a length that does not fit. Conversions throw only this type, so callers
/// can turn it into a session failure without catching anything broader.
/// </summary>
public sealed class BitstreamException : Exception
{
    public BitstreamException()
    {
    }

    public BitstreamException(string message)
        : base(message)
    {
    }

    public BitstreamException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
