using Vtr.Integration.Tests.ChildProcess;

namespace Vtr.Integration.Tests.Docs;

/// <summary>The docs stand alone: every relative link in README.md and docs/ leads to a file (and heading) of the repository.</summary>
public sealed class DocumentationLinkTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vtr-doc-links-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public static TheoryData<string> Documents()
    {
        var root = VtrProcess.RepoRoot;
        var documents = new TheoryData<string>();
        documents.Add("README.md");
        foreach (var file in Directory.EnumerateFiles(Path.Combine(root, "docs"), "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            documents.Add(Path.GetRelativePath(root, file));
        }

        return documents;
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Every_relative_link_resolves_to_a_file_and_heading_of_the_repository(string document)
    {
        var broken = MarkdownLinks.Broken(Path.Combine(VtrProcess.RepoRoot, document)).ToList();

        Assert.True(broken.Count == 0, "broken links:\n" + string.Join('\n', broken));
    }

    [Fact]
    public void The_checker_finds_a_missing_file_a_missing_heading_and_ignores_code_and_the_web()
    {
        File.WriteAllText(Path.Combine(_folder, "other.md"), "# Other page\n\n## Quality scale (`--quality`)\n\n## Quality scale (`--quality`)\n");
        var page = Path.Combine(_folder, "page.md");
        File.WriteAllText(page, string.Join('\n',
            "# Page",
            "[fine](other.md) [fine heading](other.md#quality-scale---quality) [second one](other.md#quality-scale---quality-1)",
            "[self](#page) [web](https://example.com/missing.md) `[code](nowhere.md)`",
            "```",
            "[fenced](nowhere.md)",
            "```",
            "[gone](missing.md)",
            "[bad heading](other.md#no-such-heading)",
            "[ref]: also-missing.md"));

        var broken = MarkdownLinks.Broken(page).ToList();

        Assert.Equal(
            [
                "page.md:7: missing.md (no such file)",
                "page.md:8: other.md#no-such-heading (no heading with that anchor)",
                "page.md:9: also-missing.md (no such file)",
            ],
            broken);
    }
}
