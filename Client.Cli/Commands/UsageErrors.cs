using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Vtr.Cli.Commands;

/// <summary>
/// The one usage line for a command line that does not parse (pure): the first parser error, or an unknown option
/// the parser would otherwise have taken as a file name (System.CommandLine fills a free positional argument with any
/// token, `--foo` included). Null when the command line is usable.
/// </summary>
public static class UsageErrors
{
    public static string? Describe(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var command = CommandPath(parse.CommandResult);
        var problem = parse.UnmatchedTokens.Count > 0 ? Unknown(parse.UnmatchedTokens[0])
            : parse.Errors.Count > 0 ? Sentence(parse.Errors[0].Message)
            : UnknownOptionAsArgument(parse.CommandResult);
        return problem is null ? null : $"{command}: {problem} (see '{command} --help')";
    }

    private static string Unknown(string token) => token.StartsWith('-') ? $"unknown option '{token}'" : $"unknown command or argument '{token}'";

    private static string? UnknownOptionAsArgument(CommandResult command)
    {
        foreach (var argument in command.Children.OfType<ArgumentResult>())
        {
            foreach (var token in argument.Tokens)
            {
                if (token.Value.Length > 1 && token.Value[0] == '-' && !double.TryParse(token.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                {
                    return $"unknown option '{token.Value}'";
                }
            }
        }

        return null;
    }

    /// <summary>"vtr transcode" for the command that was parsed.</summary>
    public static string CommandPath(CommandResult command)
    {
        var names = new List<string>();
        for (SymbolResult? result = command; result is CommandResult c; result = c.Parent)
        {
            names.Add(c.Parent is null ? "vtr" : c.Command.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }

    /// <summary>The parser's message as a clause: lower-case start, no full stop, no line breaks.</summary>
    private static string Sentence(string message)
    {
        var line = message.ReplaceLineEndings(" ").Trim().TrimEnd('.');
        return line.Length > 1 && char.IsUpper(line[0]) && !char.IsUpper(line[1])
            ? char.ToLowerInvariant(line[0]) + line[1..]
            : line;
    }
}
