using System.Xml.Linq;
using Vtr.Cli.Service;
using Vtr.Testing.Processes;

namespace Vtr.Client.Cli.Tests.Service;

public sealed class LaunchdPlistTests
{
    private static readonly ServiceLocations Mac = new(IsMacOS: true, Home: "/Users/editor");

    [Fact]
    public void An_agent_runs_the_exact_arguments_at_load_restarts_after_a_crash_and_logs_under_Library_Logs_vtr()
    {
        var definition = new ServiceDefinition(
            ServiceRole.Node, new ServiceInvocation("/usr/local/bin/vtr", []), ["--seed", "studio.local:4053", "--token", "a&b <c> \"d\""]);

        var plist = Keys(LaunchdPlist.Render(definition, Mac));

        Assert.Equal("vtr.node", plist["Label"].Value);
        Assert.Equal(
            ["/usr/local/bin/vtr", "node", "--seed", "studio.local:4053", "--token", "a&b <c> \"d\""],
            plist["ProgramArguments"].Elements("string").Select(e => e.Value));
        Assert.Equal("true", plist["RunAtLoad"].Name.LocalName);
        var keepAlive = Keys(plist["KeepAlive"]);
        Assert.Equal("false", keepAlive["SuccessfulExit"].Name.LocalName); // restart on failure, not after a graceful leave
        Assert.Equal("30", plist["ExitTimeOut"].Value);
        Assert.Equal("/Users/editor/Library/Logs/vtr/node.log", plist["StandardOutPath"].Value);
        Assert.Equal("/Users/editor/Library/Logs/vtr/node.err.log", plist["StandardErrorPath"].Value);
    }

    [Fact]
    public void A_development_build_is_started_through_dotnet_with_the_dll_as_first_argument()
    {
        var definition = new ServiceDefinition(
            ServiceRole.Seed, ServiceInvocation.From("/usr/local/share/dotnet/dotnet", "/src/vtr/Client.Cli/bin/Release/net10.0/vtr.dll"), []);

        var plist = Keys(LaunchdPlist.Render(definition, Mac));

        Assert.Equal("vtr.seed", plist["Label"].Value);
        Assert.Equal(
            ["/usr/local/share/dotnet/dotnet", "/src/vtr/Client.Cli/bin/Release/net10.0/vtr.dll", "seed"],
            plist["ProgramArguments"].Elements("string").Select(e => e.Value));
    }

    [Fact]
    public async Task The_file_is_an_Apple_property_list_that_an_independent_parser_reads()
    {
        var definition = new ServiceDefinition(ServiceRole.Node, new ServiceInvocation("/usr/local/bin/vtr", []), ["--token", "x&y"]);
        var text = LaunchdPlist.Render(definition, Mac);

        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">", text, StringComparison.Ordinal);
        if (await PythonPlistLoadAsync(text) is { } parsed)
        {
            // Python's plistlib (on every Mac and most Linux machines) parses what launchd parses.
            Assert.Equal("vtr.node|/usr/local/bin/vtr node --token x&y|True|False", parsed);
        }
    }

    /// <summary>The plist as python3's plistlib reads it (label|arguments|RunAtLoad|SuccessfulExit); null without python3.</summary>
    private static async Task<string?> PythonPlistLoadAsync(string text)
    {
        const string Script = "import plistlib,sys; p=plistlib.loads(sys.stdin.buffer.read()); "
            + "print(p['Label'], ' '.join(p['ProgramArguments']), p['RunAtLoad'], p['KeepAlive']['SuccessfulExit'], sep='|')";
        if (ToolRun.FindExecutable("python3") is not { } python)
        {
            return null;
        }

        var result = await ToolRun.RunAsync(python, ["-c", Script], TimeSpan.FromSeconds(30), new ToolOptions { StandardInput = text });
        Assert.True(result.Succeeded, result.StandardError);
        return result.StandardOutput.Trim();
    }

    private static Dictionary<string, XElement> Keys(string text) =>
        Keys(XDocument.Parse(text).Root!.Element("dict")!);

    /// <summary>A plist dict as key → the value element that follows each key.</summary>
    private static Dictionary<string, XElement> Keys(XElement dict)
    {
        var elements = dict.Elements().ToList();
        var keys = new Dictionary<string, XElement>();
        for (var i = 0; i < elements.Count; i += 2)
        {
            Assert.Equal("key", elements[i].Name.LocalName);
            keys.Add(elements[i].Value, elements[i + 1]);
        }

        return keys;
    }
}
