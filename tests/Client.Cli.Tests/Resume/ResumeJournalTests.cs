using Vtr.Cli.Resume;

namespace Vtr.Client.Cli.Tests.Resume;

public sealed class ResumeJournalTests : IDisposable
{
    private readonly string _cache = Directory.CreateTempSubdirectory("vtr-resume-cache-").FullName;

    public void Dispose() => Directory.Delete(_cache, recursive: true);

    [Fact]
    public void The_same_input_and_settings_find_the_same_journal()
    {
        var first = ResumeJournal.Open(_cache, "input|1|2|AB", "h264 4M");
        File.WriteAllText(Path.Combine(first.DirectoryPath, "000000.json"), "{}");

        var second = ResumeJournal.Open(_cache, "input|1|2|AB", "h264 4M");

        Assert.Equal(first.DirectoryPath, second.DirectoryPath);
        Assert.True(File.Exists(Path.Combine(second.DirectoryPath, "000000.json")));
    }

    [Theory]
    [InlineData("input|1|3|AB", "h264 4M")]
    [InlineData("input|1|2|AC", "h264 4M")]
    [InlineData("input|1|2|AB", "h264 2M")]
    public void Another_input_or_other_settings_find_another_journal(string fingerprint, string settings)
    {
        var original = ResumeJournal.Open(_cache, "input|1|2|AB", "h264 4M");

        Assert.NotEqual(original.DirectoryPath, ResumeJournal.Open(_cache, fingerprint, settings).DirectoryPath);
    }

    [Fact]
    public void A_recorded_segment_length_is_found_by_the_next_run_of_the_same_journal_and_gone_after_delete()
    {
        var first = ResumeJournal.Open(_cache, "input|1|2|AB", "h264 4M segment-seconds=cluster");
        Assert.Null(first.RecordedSegmentSeconds());

        first.RecordSegmentSeconds(2.56);
        var second = ResumeJournal.Open(_cache, "input|1|2|AB", "h264 4M segment-seconds=cluster");

        Assert.Equal(2.56, second.RecordedSegmentSeconds());
        second.Delete();
        Assert.Null(ResumeJournal.Open(_cache, "input|1|2|AB", "h264 4M segment-seconds=cluster").RecordedSegmentSeconds());
    }

    [Fact]
    public void Journals_untouched_for_more_than_7_days_are_pruned_and_newer_ones_kept()
    {
        var stale = ResumeJournal.Open(_cache, "old", "s");
        var fresh = ResumeJournal.Open(_cache, "new", "s");
        var now = DateTime.UtcNow;
        var eightDaysAgo = now - TimeSpan.FromDays(8);
        foreach (var file in Directory.EnumerateFiles(stale.DirectoryPath))
        {
            File.SetLastWriteTimeUtc(file, eightDaysAgo);
        }

        Directory.SetLastWriteTimeUtc(stale.DirectoryPath, eightDaysAgo);

        Assert.Equal(1, ResumeJournal.Prune(_cache, now));
        Assert.False(Directory.Exists(stale.DirectoryPath));
        Assert.True(Directory.Exists(fresh.DirectoryPath));
    }
}
