using Vtr.Cli.Service;

namespace Vtr.Client.Cli.Tests.Service;

public sealed class ServiceInvocationTests
{
    [Fact]
    public void A_release_executable_is_started_by_its_own_path()
    {
        var invocation = ServiceInvocation.From("/usr/local/bin/vtr", "/usr/local/bin/vtr");

        Assert.Equal("/usr/local/bin/vtr", invocation.Program);
        Assert.Empty(invocation.Prefix);
    }

    [Fact]
    public void A_build_run_as_dotnet_vtr_dll_is_started_by_the_dotnet_host_with_the_dll()
    {
        var invocation = ServiceInvocation.From("/usr/share/dotnet/dotnet", "/home/a/vtr/Client.Cli/bin/Release/net10.0/vtr.dll");

        Assert.Equal("/usr/share/dotnet/dotnet", invocation.Program);
        Assert.Equal(["/home/a/vtr/Client.Cli/bin/Release/net10.0/vtr.dll"], invocation.Prefix);
    }

    [Fact]
    public void This_test_process_resolves_to_absolute_paths_that_exist()
    {
        // The test host is itself `dotnet testhost.dll` or an apphost: either way every path must be absolute and real.
        var invocation = ServiceInvocation.Current();

        Assert.True(Path.IsPathFullyQualified(invocation.Program) && File.Exists(invocation.Program), invocation.Program);
        Assert.All(invocation.Prefix, p => Assert.True(Path.IsPathFullyQualified(p) && File.Exists(p), p));
    }
}
