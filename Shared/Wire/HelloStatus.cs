namespace Vtr.Shared.Wire;

/// <summary>The u8 status of HELLO_ACK. The client treats anything but <see cref="Ok"/> as fatal.</summary>
public enum HelloStatus : byte
{
    Ok = 0,

    /// <summary>Documented upstream but never sent by the original server.</summary>
    Busy = 1,

    AuthFailed = 2,
}
