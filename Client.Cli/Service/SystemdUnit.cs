using System.Globalization;
using System.Text;

namespace Vtr.Cli.Service;

/// <summary>
/// A systemd service unit for a vtr daemon (pure: text in, text out). Restart=on-failure: a crash comes back after
/// <see cref="RestartDelay"/>, while `systemctl stop` (SIGTERM, which vtr answers by leaving the cluster gracefully)
/// ends in exit code 0 and stays stopped. <see cref="StopTimeout"/> gives that leave time before SIGKILL.
/// </summary>
public static class SystemdUnit
{
    public static readonly TimeSpan RestartDelay = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    public static string Render(ServiceDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var system = definition.Scope == ServiceScope.System;
        var inv = CultureInfo.InvariantCulture;
        var lines = new List<string>
        {
            $"# Written by `vtr service install {definition.Role.Command()}`; `vtr service uninstall {definition.Role.Command()}` removes it.",
            "[Unit]",
            "Description=" + definition.Role.Description(),
        };
        if (system)
        {
            // Only the system manager has network-online.target; a user manager starts with the session anyway, and
            // vtr waits for its seed as long as it takes.
            lines.AddRange(["Wants=network-online.target", "After=network-online.target"]);
        }

        lines.AddRange(
        [
            "",
            "[Service]",
            "Type=exec",
            "ExecStart=" + string.Join(' ', definition.CommandLine.Select(Quote)),
            "Restart=on-failure",
            string.Create(inv, $"RestartSec={RestartDelay.TotalSeconds:0}"),
            "KillSignal=SIGTERM",
            string.Create(inv, $"TimeoutStopSec={StopTimeout.TotalSeconds:0}"),
            "SyslogIdentifier=" + definition.Name,
        ]);
        if (system)
        {
            // A dedicated account, and a state directory it owns (/var/lib/vtr): a seed keeps its member book there. The
            // account has no home (useradd --no-create-home), so its farm credentials live in /etc/vtr/farm.p12
            // (XDG_CONFIG_HOME=/etc), where `sudo env XDG_CONFIG_HOME=/etc vtr farm join` puts them.
            lines.AddRange(
            [
                "User=" + (definition.Account ?? ServiceDefinition.DefaultAccount),
                "StateDirectory=vtr",
                "ConfigurationDirectory=vtr",
                "Environment=XDG_STATE_HOME=%S XDG_CONFIG_HOME=%E",
            ]);
        }

        lines.AddRange(["", "[Install]", "WantedBy=" + (system ? "multi-user.target" : "default.target")]);
        return string.Join('\n', lines) + "\n";
    }

    /// <summary>
    /// One ExecStart word, always double-quoted: systemd reads C escapes inside quotes, expands <c>%x</c> specifiers
    /// and <c>$VAR</c> everywhere, so a path with a space, a token with <c>%</c> or <c>$</c> stays what the user typed.
    /// </summary>
    public static string Quote(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.AsSpan().IndexOfAny('\n', '\r', '\0') >= 0)
        {
            throw new ArgumentException("a service argument cannot contain a line break or NUL", nameof(word));
        }

        var quoted = new StringBuilder(word.Length + 2).Append('"');
        foreach (var c in word)
        {
            quoted.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '%' => "%%",
                '$' => "$$",
                _ => c.ToString(),
            });
        }

        return quoted.Append('"').ToString();
    }
}
