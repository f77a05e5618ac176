namespace Vtr.Cli.Rendering;

/// <summary>Passes everything to <paramref name="inner"/> and each segment-level event's snapshot to <paramref name="observe"/>.</summary>
public sealed class ObservedProgressOutput(IProgressOutput inner, Action<ProgressSnapshot> observe) : IProgressOutput
{
    public void Show(ProgressSnapshot snapshot) => inner.Show(snapshot);

    public void Event(string line, ProgressSnapshot snapshot)
    {
        inner.Event(line, snapshot);
        observe(snapshot);
    }
}
