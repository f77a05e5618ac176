using System.Collections.Immutable;
using Vtr.Shared.Cluster;

namespace Vtr.Seed.Contact;

/// <summary>
/// The members a seed last saw, kept in a file so that a restarted seed rejoins the farm that kept running without it
/// instead of forming a second cluster. One Akka address per line; written to a temp file and renamed (atomic).
/// </summary>
public sealed class MemberBook(string path)
{
    public string Path { get; } = path;

    /// <summary>The book of the seed whose contact point is <paramref name="contactPort"/>, under the user's state folder.</summary>
    public static MemberBook ForSeed(int contactPort) =>
        new(System.IO.Path.Combine(StateDirectory(), $"seed-{contactPort}.members"));

    /// <summary>$XDG_STATE_HOME/vtr (~/.local/state/vtr) on Linux, ~/Library/Application Support/vtr on macOS.</summary>
    public static string StateDirectory()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (OperatingSystem.IsMacOS())
        {
            return System.IO.Path.Combine(home, "Library", "Application Support", "vtr");
        }

        var xdg = Environment.GetEnvironmentVariable("XDG_STATE_HOME");
        return System.IO.Path.Combine(string.IsNullOrEmpty(xdg) ? System.IO.Path.Combine(home, ".local", "state") : xdg, "vtr");
    }

    public ImmutableArray<string> Read()
    {
        try
        {
            return [.. File.ReadAllLines(Path).Select(l => l.Trim()).Where(ClusterNames.IsMemberAddress)];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    public void Write(IEnumerable<string> members)
    {
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            var temp = Path + ".tmp";
            File.WriteAllLines(temp, members);
            File.Move(temp, Path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The book only shortens a restart; a read-only home must not stop the seed.
        }
    }
}
