using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using Vtr.Shared.Security;

namespace Vtr.Shared.Tests.Security;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // file modes are the point; vtr runs on macOS and Linux
public sealed class FarmCredentialsTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("vtr-farm-credentials-");

    public void Dispose() => _folder.Delete(recursive: true);

    private string Write(string name, byte[]? bytes = null)
    {
        using var certificate = FarmCertificateFactory.Create();
        var path = Path.Combine(_folder.FullName, name, FarmCredentials.FileName);
        FarmCertificateFactory.WritePrivateFile(path, bytes ?? FarmCertificateFactory.Export(certificate));
        return path;
    }

    [Fact]
    public void Written_credentials_are_readable_by_their_owner_only_and_load_with_their_key()
    {
        var path = Write("a");

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(path)!));
        Assert.False(File.Exists(path + ".tmp"));
        using var farm = FarmCredentials.Load(path);
        Assert.True(farm.Certificate.HasPrivateKey);
        Assert.StartsWith(FarmCertificateFactory.SubjectPrefix, farm.Certificate.Subject, StringComparison.Ordinal);
        Assert.Matches("^SHA256:([0-9A-F]{2}:){31}[0-9A-F]{2}$", farm.Pin.Fingerprint);
    }

    [Fact]
    public void Credentials_other_users_can_read_are_refused_with_the_fix()
    {
        var path = Write("loose");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);

        var error = Assert.Throws<FarmCredentialsException>(() => FarmCredentials.Load(path));
        Assert.Contains("chmod 600", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_machine_without_credentials_is_an_open_farm_and_a_damaged_file_is_an_error()
    {
        Assert.Null(FarmCredentials.TryLoad(Path.Combine(_folder.FullName, "none")));

        Write("damaged", Encoding.ASCII.GetBytes("not a certificate"));
        Assert.Throws<FarmCredentialsException>(() => FarmCredentials.TryLoad(Path.Combine(_folder.FullName, "damaged")));
    }

    [Fact]
    public void The_default_folder_follows_XDG_CONFIG_HOME()
    {
        var before = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME");
        try
        {
            Environment.SetEnvironmentVariable("XDG_CONFIG_HOME", _folder.FullName);
            Assert.Equal(Path.Combine(_folder.FullName, "vtr", FarmCredentials.FileName), FarmCredentials.FileIn());
        }
        finally
        {
            Environment.SetEnvironmentVariable("XDG_CONFIG_HOME", before);
        }
    }

    [Fact]
    public void A_token_carries_the_same_farm_and_a_cut_or_foreign_token_is_refused()
    {
        var path = Write("token");
        using var farm = FarmCredentials.Load(path);
        var token = FarmToken.Encode(File.ReadAllBytes(path));

        Assert.StartsWith(FarmToken.Prefix, token, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', token);
        using var copy = FarmCredentials.Decode(FarmToken.Decode(token + "\n"), "token");
        Assert.True(farm.Pin.Matches(copy));
        Assert.Throws<FarmCredentialsException>(() => FarmCredentials.Decode(FarmToken.Decode(token[..(token.Length / 2)]), "cut token"));
        Assert.Throws<FarmCredentialsException>(() => FarmToken.Decode("ssh-ed25519 AAAA"));
    }

    [Fact]
    public void The_pin_accepts_only_the_farm_certificate()
    {
        using var farm = FarmCredentials.Load(Write("pin"));
        using var other = FarmCertificateFactory.Create();

        Assert.True(farm.Pin.Matches(farm.Certificate));
        Assert.False(farm.Pin.Matches(other));
        Assert.False(farm.Pin.Matches(null));
    }

    [Fact]
    public async Task Mutual_TLS_connects_two_machines_of_one_farm_and_refuses_another_farm_on_both_sides()
    {
        using var farm = FarmCredentials.Load(Write("one"));
        using var copy = FarmCredentials.Load(Write("copy", File.ReadAllBytes(farm.Path)));
        using var other = FarmCredentials.Load(Write("other"));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        var (server, client) = await HandshakeAsync(farm, copy, cts.Token);
        var (serverSide, clientSide) = (await server, await client);
        await clientSide.WriteAsync("hello"u8.ToArray(), cts.Token);
        var read = new byte[5];
        await serverSide.ReadExactlyAsync(read, cts.Token);
        Assert.Equal("hello"u8.ToArray(), read);
        await serverSide.DisposeAsync();
        await clientSide.DisposeAsync();

        var (refusingServer, refusedClient) = await HandshakeAsync(farm, other, cts.Token);
        await Assert.ThrowsAsync<FarmPeerRefusedException>(() => refusedClient);
        await Assert.ThrowsAnyAsync<Exception>(() => refusingServer);
    }

    private static async Task<(Task<System.Net.Security.SslStream> Server, Task<System.Net.Security.SslStream> Client)> HandshakeAsync(
        FarmCredentials serverFarm, FarmCredentials clientFarm, CancellationToken ct)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var connecting = new TcpClient();
        var connect = connecting.ConnectAsync((IPEndPoint)listener.LocalEndpoint, ct).AsTask();
        var accepted = await listener.AcceptTcpClientAsync(ct);
        await connect;
        var server = FarmTls.AcceptAsync(accepted.GetStream(), serverFarm, ct);
        var client = FarmTls.ConnectAsync(connecting.GetStream(), clientFarm, ct);
        await Task.WhenAll(Swallow(server), Swallow(client));
        return (server, client);
    }

    private static async Task Swallow(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception ex) when (ex is FarmPeerRefusedException or AuthenticationException or IOException)
        {
            // Inspected by the caller.
        }
    }
}
