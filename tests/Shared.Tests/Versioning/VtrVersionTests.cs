using System.Text.RegularExpressions;
using Vtr.Shared.Versioning;

namespace Vtr.Shared.Tests.Versioning;

public sealed class VtrVersionTests
{
    [Theory]
    [InlineData("0.1.0+c925ba3", "0.1.0", "c925ba3")]
    [InlineData("0.2.0-beta.1+0123abc", "0.2.0-beta.1", "0123abc")]
    [InlineData("0.1.0", "0.1.0", "unknown")]
    [InlineData("0.1.0+", "0.1.0", "unknown")]
    [InlineData(null, "unknown", "unknown")]
    [InlineData("", "unknown", "unknown")]
    public void An_informational_version_splits_into_number_and_commit(string? informational, string number, string commit)
    {
        var version = VtrVersion.Parse(informational);

        Assert.Equal(new VtrVersion(number, commit), version);
        Assert.Equal($"{number}+{commit}", version.Announced);
    }

    [Fact]
    public void This_build_is_stamped_with_the_short_commit_of_its_checkout_or_unknown_without_git()
    {
        var current = VtrVersion.Current;

        // The build stamps `git rev-parse --short HEAD`; a build outside a checkout says "unknown", never nothing.
        var pattern = InsideGitCheckout() ? "^[0-9a-f]{7,40}$" : "^unknown$";
        Assert.Matches(new Regex(pattern), current.Commit);
        Assert.Matches(new Regex(@"^\d+\.\d+\.\d+"), current.Number);
    }

    private static bool InsideGitCheckout()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            // A worktree or submodule has a .git file, a clone a .git folder.
            if (Directory.Exists(Path.Combine(dir.FullName, ".git")) || File.Exists(Path.Combine(dir.FullName, ".git")))
            {
                return true;
            }
        }

        return false;
    }
}
