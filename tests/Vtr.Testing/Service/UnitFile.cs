using System.Text;

namespace Vtr.Testing.Service;

/// <summary>
/// Reads a systemd unit the way systemd does, for the keys these tests check: sections, KEY=VALUE, # comments, and the
/// ExecStart words with systemd's quoting undone (double quotes, C escapes, %% and $$).
/// </summary>
public sealed class UnitFile
{
    private readonly Dictionary<string, Dictionary<string, string>> _sections = [];

    public static UnitFile Parse(string text)
    {
        var unit = new UnitFile();
        Dictionary<string, string>? section = null;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            if (line[0] == '[')
            {
                section = [];
                unit._sections.Add(line.Trim('[', ']'), section);
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            Assert.True(section is not null && equals > 0, $"not a key in a section: {line}");
            section.Add(line[..equals], line[(equals + 1)..]);
        }

        return unit;
    }

    public string? this[string section, string key] =>
        _sections.TryGetValue(section, out var keys) && keys.TryGetValue(key, out var value) ? value : null;

    public IReadOnlyList<string> ExecStart() => Words(this["Service", "ExecStart"] ?? throw new InvalidOperationException("no ExecStart"));

    private static List<string> Words(string value)
    {
        var words = new List<string>();
        var i = 0;
        while (i < value.Length)
        {
            if (value[i] == ' ')
            {
                i++;
                continue;
            }

            Assert.True(value[i] == '"', $"unquoted word at {i}: {value}");
            var word = new StringBuilder();
            for (i++; value[i] != '"'; i++)
            {
                if (value[i] == '\\' || (value[i] is '%' or '$' && value[i + 1] == value[i]))
                {
                    i++; // the escaped character (or the second % / $) is the literal
                }

                word.Append(value[i]);
            }

            words.Add(word.ToString());
            i++;
        }

        return words;
    }
}
