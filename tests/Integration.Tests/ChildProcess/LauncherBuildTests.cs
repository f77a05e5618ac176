using System.Reflection.PortableExecutable;
using System.Text.Json.Nodes;

namespace Vtr.Integration.Tests.ChildProcess;

/// <summary>
/// What `./vtr` runs is precompiled (ReadyToRun: our assemblies and Akka's carry native code, so a job does not spend
/// ~1.4 CPU-s in the JIT) and framework-dependent (the shared .NET runtime, not one bundled as in a release).
/// </summary>
public sealed class LauncherBuildTests
{
    private static string Folder => Path.GetDirectoryName(VtrProcess.CliPath)!;

    [LauncherBuildFact]
    public void Our_assemblies_and_akkas_are_ReadyToRun()
    {
        foreach (var assembly in (string[])["vtr.dll", "Vtr.Shared.dll", "Vtr.Cluster.Seed.dll", "Akka.dll", "Akka.Remote.dll", "Akka.Cluster.dll"])
        {
            Assert.True(IsReadyToRun(Path.Combine(Folder, assembly)), $"{assembly} in {Folder} is IL only: JIT-compiled at every start");
        }
    }

    [LauncherBuildFact]
    public void It_runs_on_the_shared_runtime_as_plain_files()
    {
        var options = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "vtr.runtimeconfig.json")))!["runtimeOptions"]!;
        Assert.Equal("Microsoft.NETCore.App", (string?)options["framework"]?["name"]);
        Assert.Null(options["includedFrameworks"]); // what a self-contained build lists instead
        Assert.Empty(Directory.GetFiles(Folder, "*coreclr*"));
    }

    private static bool IsReadyToRun(string path)
    {
        using var reader = new PEReader(File.OpenRead(path));
        return reader.PEHeaders.CorHeader is { ManagedNativeHeaderDirectory.Size: > 0 };
    }
}
