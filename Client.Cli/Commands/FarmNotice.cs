using Vtr.Cli.Logging;
using Vtr.Shared.Security;

namespace Vtr.Cli.Commands;

/// <summary>How the daemons load this machine's farm credentials and say, in one line at start, whether the farm is secured.</summary>
public static class FarmNotice
{
    /// <summary>
    /// This machine's credentials (null: an open farm). False, with the reason written to <paramref name="error"/>, when the
    /// file exists but cannot be used: a daemon must not silently run an open farm beside a secured one.
    /// </summary>
    public static bool TryLoad(string command, TextWriter error, out FarmCredentials? farm)
    {
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            farm = FarmCredentials.TryLoad();
            return true;
        }
        catch (FarmCredentialsException ex)
        {
            error.WriteLine($"vtr {command}: {ex.Message}");
            farm = null;
            return false;
        }
    }

    /// <summary>The one line at start: the farm's fingerprint, or the warning that anyone on the network can use it.</summary>
    public static void Announce(FarmCredentials? farm)
    {
        if (farm is null)
        {
            DaemonConsole.Warn("this farm is open: anyone who can reach it can join, be sent your video, submit jobs and read its status; `vtr farm init` secures it");
        }
        else
        {
            DaemonConsole.Say($"secured farm {farm.Pin.Fingerprint}: members and clients need its certificate ({farm.Path})");
        }
    }

    /// <summary>
    /// Whether this machine's farm is secured, for `vtr status` and `vtr doctor`: the fingerprint and the file's path only,
    /// never anything of the key.
    /// </summary>
    public static string Describe(FarmCredentials? farm) =>
        farm is null
            ? "open (anyone on the network can join; `vtr farm init`)"
            : $"secured (fingerprint {farm.Pin.Fingerprint}, path {farm.Path})";
}
