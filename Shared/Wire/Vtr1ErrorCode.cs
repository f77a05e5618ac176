namespace Vtr.Shared.Wire;

/// <summary>
/// The u32 code of an ERROR message. 1, 3, 5 and 7 are the values the original server and mock send;
/// the others are ours (see docs/protocol.md, "Error codes").
/// </summary>
public enum Vtr1ErrorCode : uint
{
    /// <summary>The CONFIGURE asks for something we cannot do (e.g. wire_compression outside 0..2).</summary>
    UnsupportedConfiguration = 1,

    /// <summary>No encoder slot is free.</summary>
    Busy = 2,

    /// <summary>A known message arrived in a state that does not expect it (e.g. the first message is not HELLO).</summary>
    UnexpectedMessage = 3,

    /// <summary>A well-formed message with values we refuse (e.g. zero width).</summary>
    BadRequest = 4,

    /// <summary>Framing or payload bytes do not follow the protocol.</summary>
    Malformed = 5,

    /// <summary>The encoder or decoder failed.</summary>
    CodecFailed = 6,

    /// <summary>A message type number we do not know.</summary>
    UnknownMessageType = 7,

    /// <summary>The peer was silent for too long.</summary>
    Timeout = 8,
}
