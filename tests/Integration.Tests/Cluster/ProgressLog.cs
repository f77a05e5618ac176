using System.Text;

namespace Vtr.Integration.Tests.Cluster;

/// <summary>
/// The console `vtr transcode` writes its plain progress lines to. The progress listener writes a
/// "segment N done on HOST:PORT" line when a segment finishes; <see cref="FirstSegmentDone"/> completes on the first.
/// </summary>
internal sealed class ProgressLog : TextWriter
{
    private const string DoneMarker = " done on ";

    private readonly StringBuilder _text = new();
    private readonly TaskCompletionSource _firstSegmentDone = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override Encoding Encoding => Encoding.UTF8;

    /// <summary>Completes once the first segment finished.</summary>
    public Task FirstSegmentDone => _firstSegmentDone.Task;

    /// <summary>"done" lines so far (a segment finished by two leases counts twice).</summary>
    public int SegmentsDone
    {
        get
        {
            lock (_text)
            {
                return _text.ToString().Split(DoneMarker).Length - 1;
            }
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
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        lock (_text)
        {
            _text.Append(value);
            if (value.Contains(DoneMarker, StringComparison.Ordinal) || _text.ToString().Contains(DoneMarker, StringComparison.Ordinal))
            {
                _firstSegmentDone.TrySetResult();
            }
        }
    }
}
