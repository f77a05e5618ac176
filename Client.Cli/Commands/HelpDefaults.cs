using System.CommandLine;
using System.CommandLine.Help;

namespace Vtr.Cli.Commands;

/// <summary>
/// Makes every option's default visible in --help. System.CommandLine prints "[default: x]" only for options with a
/// default value factory; an option whose absence means "not used" (--bitrate, --seed, a flag) gets the same bracket
/// with what that absence means, unless its description already states its default.
/// </summary>
public static class HelpDefaults
{
    public static void Apply(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var option in command.Options)
        {
            // System.CommandLine prints neither an empty-string default (--token) nor a flag's false.
            var printed = option.HasDefaultValue && option.GetDefaultValue() is not (null or "" or false);
            if (option is HelpOption or VersionOption || printed
                || option.Description?.Contains("default", StringComparison.OrdinalIgnoreCase) == true)
            {
                continue;
            }

            var absent = option.ValueType == typeof(bool) ? "off" : "none";
            option.Description = $"{option.Description} [default: {absent}]".TrimStart();
        }

        foreach (var subcommand in command.Subcommands)
        {
            Apply(subcommand);
        }
    }
}
