namespace Vtr.Node.Sessions;

/// <summary>The CONFIGURE <c>mode</c>: raw frames in and packets out, the reverse, or our source-packet extension.</summary>
public enum SessionMode
{
    Encode,
    Decode,

    /// <summary>vtr extension: source PACKETs in, decoded and re-encoded on the node, encoded PACKETs out (docs/protocol.md).</summary>
    Transcode,
}
