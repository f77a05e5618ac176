using System.Text;
using System.Text.RegularExpressions;

namespace Vtr.Integration.Tests.Docs;

/// <summary>
/// The relative links of a Markdown file and whether each resolves: the file or folder exists, and an #anchor names a
/// heading of the target as GitHub slugs it. Links inside code (fences, `spans`) are text, not links; http(s) and
/// mailto links point at the public web and are not fetched.
/// </summary>
internal static partial class MarkdownLinks
{
    /// <summary>Every broken relative link of <paramref name="file"/> as "file:line: target (why)".</summary>
    public static IEnumerable<string> Broken(string file)
    {
        var lines = File.ReadAllLines(file);
        var fenced = false;
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                fenced = !fenced;
                continue;
            }

            if (fenced)
            {
                continue;
            }

            var text = CodeSpan().Replace(lines[i], "");
            foreach (Match link in InlineLink().Matches(text).Concat(ReferenceDefinition().Matches(text)))
            {
                var target = link.Groups["target"].Value.Trim('<', '>');
                if (Problem(file, target) is { } problem)
                {
                    yield return $"{Path.GetFileName(file)}:{i + 1}: {target} ({problem})";
                }
            }
        }
    }

    /// <summary>Why <paramref name="target"/>, linked from <paramref name="from"/>, does not resolve; null when it does.</summary>
    public static string? Problem(string from, string target)
    {
        if (target.Length == 0 || External().IsMatch(target))
        {
            return null;
        }

        var hash = target.IndexOf('#', StringComparison.Ordinal);
        var path = hash < 0 ? target : target[..hash];
        var anchor = hash < 0 ? null : target[(hash + 1)..];
        var resolved = path.Length == 0 ? from : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(from)!, Uri.UnescapeDataString(path)));
        if (!File.Exists(resolved) && !Directory.Exists(resolved))
        {
            return "no such file";
        }

        if (anchor is null)
        {
            return null;
        }

        if (!resolved.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || !File.Exists(resolved))
        {
            return "an anchor into something that is not a Markdown file";
        }

        return Anchors(resolved).Contains(anchor) ? null : "no heading with that anchor";
    }

    /// <summary>The anchors GitHub gives the headings of a Markdown file (duplicates get -1, -2, …).</summary>
    public static HashSet<string> Anchors(string file)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var fenced = false;
        foreach (var line in File.ReadLines(file))
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                fenced = !fenced;
            }

            if (fenced || Heading().Match(line) is not { Success: true } heading)
            {
                continue;
            }

            var slug = Slug(heading.Groups["title"].Value);
            var count = seen.GetValueOrDefault(slug);
            seen[slug] = count + 1;
            anchors.Add(count == 0 ? slug : $"{slug}-{count}");
        }

        return anchors;
    }

    /// <summary>GitHub's heading slug: formatting dropped, lower case, punctuation removed, spaces become hyphens.</summary>
    public static string Slug(string title)
    {
        var text = LinkText().Replace(title, "${text}").Replace("`", "", StringComparison.Ordinal);
        var slug = new StringBuilder(text.Length);
        foreach (var c in text.Trim().ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c) || c is '-' or '_')
            {
                slug.Append(c);
            }
            else if (c == ' ')
            {
                slug.Append('-');
            }
        }

        return slug.ToString();
    }

    [GeneratedRegex(@"`[^`]*`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"(?<!\!)\[[^\]]*\]\((?<target>[^)\s]+)(?:\s+""[^""]*"")?\)")]
    private static partial Regex InlineLink();

    [GeneratedRegex(@"^\s{0,3}\[[^\]]+\]:\s+(?<target>\S+)")]
    private static partial Regex ReferenceDefinition();

    [GeneratedRegex(@"^[a-z][a-z0-9+.-]*:", RegexOptions.IgnoreCase)]
    private static partial Regex External();

    [GeneratedRegex(@"^#{1,6}\s+(?<title>.+?)\s*#*\s*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"\[(?<text>[^\]]*)\]\([^)]*\)")]
    private static partial Regex LinkText();
}
