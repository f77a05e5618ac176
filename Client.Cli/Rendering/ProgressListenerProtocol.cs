using Spectre.Console.Rendering;
using Vtr.Shared.Cluster;

namespace Vtr.Cli.Rendering;

// ProgressListener receives the job's SegmentProgress records (Vtr.Cli.Jobs), FramesEncoded from the segment
// runners and its own RenderTick; it renders through an IProgressOutput. No children, no supervision needs.

/// <summary>A running lease received more encoded packets from its node.</summary>
public sealed record FramesEncoded(LeaseId LeaseId, NodeId NodeId, int Frames);

/// <summary>Timer: refresh the display (fps and ETA move even when no segment finishes).</summary>
internal sealed record RenderTick
{
    public static readonly RenderTick Instance = new();

    private RenderTick()
    {
    }
}

/// <summary>Where the listener's view goes: a live Spectre display, or plain lines.</summary>
public interface IProgressOutput
{
    /// <summary>The current state (called on every tick).</summary>
    void Show(ProgressSnapshot snapshot);

    /// <summary>A segment-level event worth a line of its own (finish, failure).</summary>
    void Event(string line, ProgressSnapshot snapshot);
}

/// <summary>Live output: replaces the target of a Spectre live display (its context locks internally).</summary>
public sealed class LiveProgressOutput(Action<IRenderable> update) : IProgressOutput
{
    public void Show(ProgressSnapshot snapshot) => update(ProgressView.Build(snapshot));

    public void Event(string line, ProgressSnapshot snapshot) => Show(snapshot);
}

/// <summary>Plain output for pipes and logs: one line per segment event, nothing on ticks.</summary>
public sealed class PlainProgressOutput(ProgressView view) : IProgressOutput
{
    public void Show(ProgressSnapshot snapshot)
    {
    }

    public void Event(string line, ProgressSnapshot snapshot) => view.WriteLine(line, snapshot);
}
