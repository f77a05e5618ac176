using System.Text;
using Vtr.Cli.Rendering;

namespace Vtr.Integration.Tests.Cluster;

/// <summary>
/// What `vtr transcode` reported: its console text (kept for the test's output) and its segment events, observed
/// through <see cref="Vtr.Cli.Segmenting.TranscodeService.SegmentEvent"/>; <see cref="FirstSegmentDone"/> completes
/// on the first finished segment.
/// </summary>
internal sealed class ProgressLog : TextWriter
{
    private readonly StringBuilder _text = new();
    private readonly TaskCompletionSource _firstSegmentDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _segmentsDone;

    public override Encoding Encoding => Encoding.UTF8;

    /// <summary>Completes once the first segment finished.</summary>
    public Task FirstSegmentDone => _firstSegmentDone.Task;

    /// <summary>Segments finished so far, as the client's progress counts them.</summary>
    public int SegmentsDone => Volatile.Read(ref _segmentsDone);

    /// <summary>The handler for <see cref="Vtr.Cli.Segmenting.TranscodeService.SegmentEvent"/>.</summary>
    public void Observe(object? sender, ProgressSnapshot snapshot)
    {
        Volatile.Write(ref _segmentsDone, snapshot.SegmentsDone);
        if (snapshot.SegmentsDone > 0)
        {
            _firstSegmentDone.TrySetResult();
        }
    }

    public override void Write(char value) => Append(value.ToString());

    public override void Write(string? value) => Append(value);

    public override void WriteLine(string? value) => Append(value + NewLine);

    public override string ToString()
    {
        lock (_text)
        {
            return _text.ToString();
        }
    }

    private void Append(string? value)
    {
        lock (_text)
        {
            _text.Append(value);
        }
    }
}
