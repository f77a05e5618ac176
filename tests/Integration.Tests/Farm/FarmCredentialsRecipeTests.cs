namespace Vtr.Integration.Tests.Farm;

/// <summary>
/// `vtr farm init / token / join / show` as README's "Securing a farm" runs them, each machine a config folder of its own:
/// the token or the copied file carries the farm, the file lands readable by its owner only, and a machine of another
/// farm is not moved without --force.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // file modes are part of the behaviour
public sealed class FarmCredentialsRecipeTests : IDisposable
{
    private const int OutputRefused = 6;
    private readonly LocalFarm _farm = new();

    public void Dispose() => _farm.Dispose();

    [Fact]
    public async Task A_token_or_the_copied_file_takes_a_machine_into_the_farm_and_another_farm_needs_force()
    {
        var timeout = TimeSpan.FromSeconds(60);
        await _farm.SecureAsync();
        var (again, _, againError) = await _farm.RunAsync(timeout, "farm", "init");
        Assert.Equal(OutputRefused, again);
        Assert.Contains("--force", againError, StringComparison.Ordinal);

        var (_, tokenLines, _) = await _farm.RunAsync(timeout, "farm", "token");
        var tokenFile = Path.Combine(_farm.Folder, "token.txt");
        await File.WriteAllTextAsync(tokenFile, Assert.Single(tokenLines) + "\n");
        var byToken = _farm.StrangerConfigHome("by-token");
        var (joined, _, joinError) = await _farm.RunAsAsync(byToken, timeout, "farm", "join", tokenFile);
        Assert.True(joined == 0, joinError);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(byToken, "vtr", "farm.p12")));

        var byFile = _farm.StrangerConfigHome("by-file");
        Assert.Equal(0, (await _farm.RunAsAsync(byFile, timeout, "farm", "join", Path.Combine(_farm.ConfigHome, "vtr", "farm.p12"))).Code);

        var fingerprint = await ShowAsync(_farm.ConfigHome);
        Assert.StartsWith("secured farm SHA256:", fingerprint, StringComparison.Ordinal);
        Assert.Equal(fingerprint, await ShowAsync(byToken));
        Assert.Equal(fingerprint, await ShowAsync(byFile));

        var other = _farm.StrangerConfigHome("other");
        await _farm.SecureAsync(other);
        var (moved, _, movedError) = await _farm.RunAsAsync(other, timeout, "farm", "join", tokenFile);
        Assert.Equal(OutputRefused, moved);
        Assert.Contains("another farm", movedError, StringComparison.Ordinal);
        Assert.Equal(0, (await _farm.RunAsAsync(other, timeout, "farm", "join", tokenFile, "--force")).Code);
        Assert.Equal(fingerprint, await ShowAsync(other));
    }

    private async Task<string> ShowAsync(string configHome)
    {
        var (code, lines, error) = await _farm.RunAsAsync(configHome, TimeSpan.FromSeconds(60), "farm", "show");
        Assert.True(code == 0, error);
        return lines[0];
    }
}
