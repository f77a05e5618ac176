using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Vtr.Cli.Service;

/// <summary>
/// A launchd agent property list for a vtr daemon (pure). RunAtLoad starts it at login; KeepAlive with SuccessfulExit
/// false restarts it after a crash but not after `launchctl unload`/SIGTERM, which vtr answers with a graceful leave
/// and exit code 0 (the same policy as systemd's Restart=on-failure). ExitTimeOut gives that leave time before SIGKILL.
/// ProgramArguments is an array: no shell, so no quoting problem.
/// </summary>
public static class LaunchdPlist
{
    /// <summary>Seconds between a leave's SIGTERM and launchd's SIGKILL.</summary>
    public const int ExitTimeoutSeconds = 30;

    /// <summary>
    /// vtr.node / vtr.seed. launchd only needs a label unique on the Mac; we own no domain to put in reverse-DNS form.
    /// </summary>
    public static string Label(ServiceRole role) => "vtr." + role.Command();

    public static string Render(ServiceDefinition definition, ServiceLocations locations)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(locations);
        var (output, error) = locations.LogFiles(definition.Role);
        var dict = new XElement("dict",
            Key("Label"), new XElement("string", Label(definition.Role)),
            Key("ProgramArguments"), new XElement("array", definition.CommandLine.Select(a => new XElement("string", a))),
            Key("RunAtLoad"), new XElement("true"),
            Key("KeepAlive"), new XElement("dict", Key("SuccessfulExit"), new XElement("false")),
            Key("ExitTimeOut"), new XElement("integer", ExitTimeoutSeconds),
            Key("StandardOutPath"), new XElement("string", output),
            Key("StandardErrorPath"), new XElement("string", error));
        var document = new XDocument(
            new XDocumentType("plist", "-//Apple//DTD PLIST 1.0//EN", "http://www.apple.com/DTDs/PropertyList-1.0.dtd", null),
            new XElement("plist", new XAttribute("version", "1.0"), dict));
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, IndentChars = "  " };
        using var text = new Utf8StringWriter();
        using (var writer = XmlWriter.Create(text, settings))
        {
            document.Save(writer);
        }

        return text.ToString() + "\n";
    }

    private static XElement Key(string name) => new("key", name);

    /// <summary>A StringWriter that declares UTF-8 (the default declares UTF-16, which launchd would not expect).</summary>
    private sealed class Utf8StringWriter : StringWriter
    {
        public Utf8StringWriter()
            : base(System.Globalization.CultureInfo.InvariantCulture)
        {
        }

        public override Encoding Encoding => new UTF8Encoding(false);
    }
}
