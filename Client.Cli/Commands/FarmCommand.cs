using System.CommandLine;
using Vtr.Shared.Security;

namespace Vtr.Cli.Commands;

/// <summary>
/// `vtr farm init|join|token|show`: the farm's credentials on this machine. Once they exist, `vtr seed`, `vtr node --seed`,
/// `vtr transcode --seed` and `vtr status --seed` use them without a flag (README.md, "Securing a farm").
/// </summary>
public static class FarmCommand
{
    public static Command Create()
    {
        var command = new Command("farm", "Secure a farm: create its certificate, copy it to the other machines, show it");
        command.Subcommands.Add(Init());
        command.Subcommands.Add(Join());
        command.Subcommands.Add(Token());
        command.Subcommands.Add(Show());
        return command;
    }

    private static Command Init()
    {
        var force = new Option<bool>("--force") { Description = "replace existing credentials (every machine must then join the new farm)" };
        var command = new Command("init", "Create the farm certificate and key on this machine (0600, in ~/.config/vtr)") { force };
        command.SetAction(async (parse, _) =>
        {
            var path = FarmCredentials.FileIn();
            if (File.Exists(path) && !parse.GetValue(force))
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync(
                    $"vtr farm init: {path} already exists (this machine is in a farm; --force replaces it, and every machine must join again)").ConfigureAwait(false);
                return (int)ExitCode.OutputRefused;
            }

            using var certificate = FarmCertificateFactory.Create();
            FarmCertificateFactory.WritePrivateFile(path, FarmCertificateFactory.Export(certificate));
            var output = parse.InvocationConfiguration.Output;
            await output.WriteLineAsync($"vtr farm: created the farm certificate {new FarmPin(certificate).Fingerprint}").ConfigureAwait(false);
            await output.WriteLineAsync($"  stored in {path} (readable only by you)").ConfigureAwait(false);
            await output.WriteLineAsync($"  on every other machine of the farm run:  vtr farm token | ssh THAT-MACHINE vtr farm join").ConfigureAwait(false);
            await output.WriteLineAsync($"  (or copy {path} there and run `vtr farm join FILE`)").ConfigureAwait(false);
            return (int)ExitCode.Success;
        });
        return command;
    }

    private static Command Join()
    {
        var file = new Argument<string?>("FILE") { Description = "a farm.p12 or token file copied from a farm machine; without it the token is read from stdin", Arity = ArgumentArity.ZeroOrOne };
        var force = new Option<bool>("--force") { Description = "replace this machine's credentials of another farm" };
        var command = new Command("join", "Take this machine into a farm: store its certificate (from FILE, or a token on stdin)") { file, force };
        command.SetAction(async (parse, ct) =>
        {
            var error = parse.InvocationConfiguration.Error;
            try
            {
                var bytes = await ReadCredentialsAsync(parse.GetValue(file), ct).ConfigureAwait(false);
                using var certificate = FarmCredentials.Decode(bytes, "the given farm credentials");
                var path = FarmCredentials.FileIn();
                var pin = new FarmPin(certificate);
                if (File.Exists(path) && !parse.GetValue(force))
                {
                    using var current = FarmCredentials.Load(path);
                    if (current.Pin.Fingerprint != pin.Fingerprint)
                    {
                        await error.WriteLineAsync($"vtr farm join: this machine is in another farm ({current.Pin.Fingerprint}); --force replaces it").ConfigureAwait(false);
                        return (int)ExitCode.OutputRefused;
                    }
                }

                FarmCertificateFactory.WritePrivateFile(path, FarmCertificateFactory.Export(certificate));
                await parse.InvocationConfiguration.Output.WriteLineAsync($"vtr farm: joined the farm {pin.Fingerprint} (stored in {path})").ConfigureAwait(false);
                return (int)ExitCode.Success;
            }
            catch (FarmCredentialsException ex)
            {
                await error.WriteLineAsync("vtr farm join: " + ex.Message).ConfigureAwait(false);
                return (int)ExitCode.InputUnusable;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync("vtr farm join: " + ex.Message).ConfigureAwait(false);
                return (int)ExitCode.InputUnusable;
            }
        });
        return command;
    }

    /// <summary>PKCS#12 bytes from a copied farm file, a file holding a token, or a token on stdin.</summary>
    private static async Task<byte[]> ReadCredentialsAsync(string? file, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(file) || file == "-")
        {
            var line = await Console.In.ReadLineAsync(ct).ConfigureAwait(false);
            return FarmToken.Decode(line ?? "");
        }

        if (new FileInfo(file).Length > FarmToken.MaxLength)
        {
            throw new FarmCredentialsException($"{file} is too large to be vtr farm credentials");
        }

        var bytes = await File.ReadAllBytesAsync(file, ct).ConfigureAwait(false);
        var text = System.Text.Encoding.ASCII.GetString(bytes).Trim();
        return text.StartsWith(FarmToken.Prefix, StringComparison.Ordinal) ? FarmToken.Decode(text) : bytes;
    }

    private static Command Token()
    {
        var command = new Command("token", "Print this machine's farm credentials as one line for `vtr farm join` (it is the farm's secret: pipe it, do not paste it into chats)");
        command.SetAction(async (parse, _) => await WithCredentialsAsync(parse, "token", async farm =>
        {
            await parse.InvocationConfiguration.Output.WriteLineAsync(FarmToken.Encode(await File.ReadAllBytesAsync(farm.Path).ConfigureAwait(false))).ConfigureAwait(false);
        }).ConfigureAwait(false));
        return command;
    }

    private static Command Show()
    {
        var command = new Command("show", "Print whether this machine is in a secured farm, where its credentials are and their fingerprint (no secret)");
        command.SetAction(async (parse, _) => await WithCredentialsAsync(parse, "show", async farm =>
        {
            var output = parse.InvocationConfiguration.Output;
            await output.WriteLineAsync($"secured farm {farm.Pin.Fingerprint}").ConfigureAwait(false);
            await output.WriteLineAsync($"credentials {farm.Path}").ConfigureAwait(false);
        }).ConfigureAwait(false));
        return command;
    }

    private static async Task<int> WithCredentialsAsync(ParseResult parse, string verb, Func<FarmCredentials, Task> action)
    {
        var error = parse.InvocationConfiguration.Error;
        try
        {
            using var farm = FarmCredentials.TryLoad();
            if (farm is null)
            {
                await error.WriteLineAsync($"vtr farm {verb}: this machine has no farm credentials ({FarmCredentials.FileIn()}); `vtr farm init` creates a farm, `vtr farm join` joins one").ConfigureAwait(false);
                return (int)ExitCode.NotInFarm;
            }

            await action(farm).ConfigureAwait(false);
            return (int)ExitCode.Success;
        }
        catch (FarmCredentialsException ex)
        {
            await error.WriteLineAsync($"vtr farm {verb}: " + ex.Message).ConfigureAwait(false);
            return (int)ExitCode.NotInFarm;
        }
    }
}
