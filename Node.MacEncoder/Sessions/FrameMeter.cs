namespace Vtr.Node.Sessions;

/// <summary>
/// Counts the pictures a node's sessions put out (packets encoded, pictures decoded), so the node can report its real
/// speed ("fps over the last few seconds") to the coordinator and `vtr status`. Thread-safe; sessions only add.
/// </summary>
public sealed class FrameMeter
{
    private long _frames;

    public long Total => Interlocked.Read(ref _frames);

    public void Add(int frames = 1) => Interlocked.Add(ref _frames, frames);
}
