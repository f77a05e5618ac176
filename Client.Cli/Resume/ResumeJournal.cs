using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Vtr.Cli.Resume;

/// <summary>
/// Where the segments of one transcode survive a stopped client: a folder under the cache named by a hash of the input
/// fingerprint and everything that changes the encoded segments (codec, rate control, segment length, segment count).
/// The same command on the same, unchanged input finds the same folder; anything else finds an empty one. The folder
/// holds the <see cref="Segmenting.SegmentResultStore"/>'s files (each written atomically) and a job.txt naming the
/// job, for a person looking at the cache. Folders untouched for <see cref="MaxAge"/> are pruned.
/// </summary>
public sealed class ResumeJournal
{
    /// <summary>Journals not written to for this long belong to runs nobody will resume.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(7);

    private const string SegmentSecondsFile = "segment-seconds.txt";

    private ResumeJournal(string directory)
    {
        DirectoryPath = directory;
    }

    public string DirectoryPath { get; }

    /// <param name="cacheFolder">The user's cache folder (<see cref="CacheFolder.ForUser"/>).</param>
    /// <param name="fingerprint">The input's <see cref="InputFingerprint"/>.</param>
    /// <param name="settings">Everything that changes the encoded segments, as one string.</param>
    public static ResumeJournal Open(string cacheFolder, string fingerprint, string settings)
    {
        ArgumentNullException.ThrowIfNull(cacheFolder);
        var identity = fingerprint + "\n" + settings;
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..32];
        var directory = Path.Combine(JobsFolder(cacheFolder), key);
        Directory.CreateDirectory(directory);
        var description = Path.Combine(directory, "job.txt");
        File.WriteAllText(description + ".tmp", identity + "\n");
        File.Move(description + ".tmp", description, overwrite: true); // also marks the folder as used now
        return new ResumeJournal(directory);
    }

    /// <summary>The segment length a run with the cluster-sized default chose (see <see cref="RecordSegmentSeconds"/>), so a
    /// resumed run cuts the same segments whatever the cluster looks like now; null when none was recorded.</summary>
    public double? RecordedSegmentSeconds()
    {
        var file = Path.Combine(DirectoryPath, SegmentSecondsFile);
        return File.Exists(file) && double.TryParse(File.ReadAllText(file), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? seconds
            : null;
    }

    /// <summary>Writes (atomically) the segment length this run planned with.</summary>
    public void RecordSegmentSeconds(double seconds)
    {
        var file = Path.Combine(DirectoryPath, SegmentSecondsFile);
        File.WriteAllText(file + ".tmp", seconds.ToString("R", CultureInfo.InvariantCulture));
        File.Move(file + ".tmp", file, overwrite: true);
    }

    /// <summary>Deletes the journal's segments (--no-resume, or a finished job).</summary>
    public void Delete()
    {
        if (Directory.Exists(DirectoryPath))
        {
            Directory.Delete(DirectoryPath, recursive: true);
        }
    }

    /// <summary>Deletes every journal under <paramref name="cacheFolder"/> last written before now - <see cref="MaxAge"/>.
    /// Returns how many.</summary>
    public static int Prune(string cacheFolder, DateTime utcNow)
    {
        var jobs = new DirectoryInfo(JobsFolder(cacheFolder));
        if (!jobs.Exists)
        {
            return 0;
        }

        var pruned = 0;
        foreach (var journal in jobs.EnumerateDirectories())
        {
            var lastWrite = journal.EnumerateFiles().Select(f => f.LastWriteTimeUtc).Append(journal.LastWriteTimeUtc).Max();
            if (utcNow - lastWrite > MaxAge)
            {
                journal.Delete(recursive: true);
                pruned++;
            }
        }

        return pruned;
    }

    private static string JobsFolder(string cacheFolder) => Path.Combine(cacheFolder, "resume");
}
