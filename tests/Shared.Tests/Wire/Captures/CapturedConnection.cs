using System.Text.Json;

using Vtr.Testing.Captures;

namespace Vtr.Shared.Tests.Wire.Captures;

/// <summary>One TCP connection of a capture: both byte streams and the manifest's decoded message lists.</summary>
internal sealed record CapturedConnection(
    string Label,
    byte[] ClientToServer,
    byte[] ServerToClient,
    JsonElement ClientMessages,
    JsonElement ServerMessages)
{
    public static IReadOnlyList<CapturedConnection> Load(string scenario)
    {
        var folder = Path.Combine(CaptureLocator.Directory!, scenario);
        using var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "manifest.json")));
        var root = manifest.RootElement.Clone();
        var connections = new List<CapturedConnection>
        {
            new(
                scenario,
                File.ReadAllBytes(Path.Combine(folder, "client_to_server.bin")),
                File.ReadAllBytes(Path.Combine(folder, "server_to_client.bin")),
                root.GetProperty("messages").GetProperty("client_to_server"),
                root.GetProperty("messages").GetProperty("server_to_client")),
        };

        if (root.TryGetProperty("other_connections", out var others))
        {
            foreach (var other in others.EnumerateArray())
            {
                var files = other.GetProperty("files").EnumerateArray().Select(file => file.GetString()!).ToArray();
                var messages = other.GetProperty("messages");
                connections.Add(new(
                    $"{scenario}/conn{other.GetProperty("connection_index").GetInt32()}",
                    File.ReadAllBytes(Path.Combine(folder, files.Single(name => name.Contains("client_to_server", StringComparison.Ordinal)))),
                    File.ReadAllBytes(Path.Combine(folder, files.Single(name => name.Contains("server_to_client", StringComparison.Ordinal)))),
                    messages.GetProperty("client_to_server"),
                    messages.GetProperty("server_to_client")));
            }
        }

        return connections;
    }
}
