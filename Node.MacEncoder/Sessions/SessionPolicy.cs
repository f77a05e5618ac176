using Vtr.Shared.Wire;

namespace Vtr.Node.Sessions;

/// <summary>Per-node rules every session follows: auth, timeouts, limits, what HELLO_ACK announces.</summary>
public sealed record SessionPolicy
{
    /// <summary>Empty = auth off (any token accepted), as the original server.</summary>
    public string Token { get; init; } = "";

    /// <summary>The original server drops a session after 10 s without a message header.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long we keep reading after DONE/ERROR before closing (see Vtr1Connection.FinishAsync).</summary>
    public TimeSpan LingerTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public Vtr1Limits Limits { get; init; } = Vtr1Limits.Default;

    public string ServerName { get; init; } = "vtr";

    public string ServerVersion { get; init; } = typeof(SessionPolicy).Assembly.GetName().Version?.ToString(3) ?? "0";

    /// <summary>Largest picture we accept in CONFIGURE (8K), so a lie cannot size a huge encoder.</summary>
    public int MaxDimension { get; init; } = 8192;

    /// <summary>Codec failures that may be recovered by reopening the codec, per session.</summary>
    public int MaxCodecRestarts { get; init; } = 3;

    /// <summary>Where this node's sessions count their output pictures (the node's measured speed).</summary>
    public FrameMeter Frames { get; init; } = new();
}
