namespace Vtr.Integration.Tests.ChildProcess;

/// <summary>
/// A fact about the CLI `./vtr` runs, which `./vtr test` names in VTR_TEST_CLI. A bare `dotnet test` has only its own
/// JIT-compiled build of the same sources, so there the test shows as skipped with the reason.
/// </summary>
public sealed class LauncherBuildFactAttribute : FactAttribute
{
    public LauncherBuildFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("VTR_TEST_CLI")))
        {
            Skip = "checks the launcher's build, which only `./vtr test` hands the tests (VTR_TEST_CLI)";
        }
    }
}
