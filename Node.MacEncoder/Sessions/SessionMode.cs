namespace Vtr.Node.Sessions;

/// <summary>The CONFIGURE <c>mode</c>: raw frames in and packets out, or the reverse.</summary>
public enum SessionMode
{
    Encode,
    Decode,
}
