namespace Vtr.Shared.Wire;

/// <summary>The message type field of the VTR1 header (u16 on the wire); each value is the wire number.</summary>
public enum Vtr1MessageType : ushort
{
    Hello = 1,
    HelloAck = 2,
    Configure = 3,
    ConfigureAck = 4,
    Frame = 5,
    Packet = 6,
    Flush = 7,
    Done = 8,
    Error = 9,
    Ping = 10,
    Pong = 11,

    /// <summary>vtr extension: a transcode session's measurement of its output (<see cref="QualityMessage"/>).</summary>
    Quality = 12,
}
