using System.Globalization;
using System.Text.Json;
using Vtr.Integration.Tests.Cluster;

namespace Vtr.Integration.Tests.Farm;

/// <summary>
/// `vtr status` and `vtr doctor` say whether the farm is secured — its fingerprint and credentials path, never the key —
/// or open, with what to run to secure it.
/// </summary>
[Trait("Category", "Native")]
public sealed class FarmStateLineTests : IDisposable
{
    private const string OpenLine = "farm: open (anyone on the network can join; `vtr farm init`)";

    private readonly LocalFarm _farm = new();

    public void Dispose() => _farm.Dispose();

    [BackendFact]
    public async Task Status_of_an_open_farm_says_it_is_open_and_how_to_secure_it()
    {
        var seedAddress = await StartSeedAsync();

        var (code, lines, error) = await _farm.RunAsync(TimeSpan.FromSeconds(20), "status", "--seed", seedAddress);

        Assert.True(code == 0, error);
        Assert.Equal(OpenLine, lines[0]);
        var farm = await StatusJsonFarmAsync(seedAddress);
        Assert.False(farm.GetProperty("secured").GetBoolean());
        Assert.Equal(JsonValueKind.Null, farm.GetProperty("fingerprint").ValueKind);
    }

    [BackendFact]
    public async Task Status_and_doctor_of_a_secured_farm_show_its_fingerprint_and_path_and_nothing_of_the_key()
    {
        await _farm.SecureAsync();
        var show = await _farm.RunAsync(TimeSpan.FromSeconds(20), "farm", "show");
        var fingerprint = show.Lines.Single(l => l.StartsWith("secured farm ", StringComparison.Ordinal))["secured farm ".Length..];
        var token = (await _farm.RunAsync(TimeSpan.FromSeconds(20), "farm", "token")).Lines.Single();
        var path = Path.Combine(_farm.ConfigHome, "vtr", "farm.p12");
        var expected = $"farm: secured (fingerprint {fingerprint}, path {path})";
        var seedAddress = await StartSeedAsync();

        var (code, lines, error) = await _farm.RunAsync(TimeSpan.FromSeconds(20), "status", "--seed", seedAddress);
        var doctor = await _farm.RunAsync(TimeSpan.FromMinutes(3), "doctor", "--seconds", "1", "--sw-preset", "ultrafast");

        Assert.True(code == 0, error);
        Assert.Equal(expected, lines[0]);
        Assert.Contains("ok   " + expected, doctor.Lines);
        var farm = await StatusJsonFarmAsync(seedAddress);
        Assert.True(farm.GetProperty("secured").GetBoolean());
        Assert.Equal(fingerprint, farm.GetProperty("fingerprint").GetString());
        Assert.Equal(path, farm.GetProperty("path").GetString());
        // The token is the whole PKCS#12 file: no stretch of it may show.
        var secret = token[^48..];
        Assert.DoesNotContain(lines.Concat(doctor.Lines), l => l.Contains(secret, StringComparison.Ordinal));
    }

    private async Task<string> StartSeedAsync()
    {
        var port = LocalFarm.FreePort(1);
        await _farm.StartMemberAsync("seed", "--host", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture));
        return $"127.0.0.1:{port}";
    }

    private async Task<JsonElement> StatusJsonFarmAsync(string seedAddress)
    {
        var (code, lines, error) = await _farm.RunAsync(TimeSpan.FromSeconds(20), "status", "--seed", seedAddress, "--json");
        Assert.True(code == 0, error);
        using var document = JsonDocument.Parse(string.Join('\n', lines));
        return document.RootElement.GetProperty("farm").Clone();
    }
}
