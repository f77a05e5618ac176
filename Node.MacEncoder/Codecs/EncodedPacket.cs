using System.Buffers;

namespace Vtr.Node.Codecs;

/// <summary>
/// One encoded access unit in Annex B with 4-byte start codes. Owns pooled memory: the last owner disposes it.
/// Timestamps are in the session's time base.
/// </summary>
public sealed class EncodedPacket : IDisposable
{
    private IMemoryOwner<byte>? _owner;

    public EncodedPacket(IMemoryOwner<byte> owner, int length, long pts, long dts, long duration, bool isKeyframe)
    {
        _owner = owner;
        Length = length;
        Pts = pts;
        Dts = dts;
        Duration = duration;
        IsKeyframe = isKeyframe;
    }

    public int Length { get; }

    public long Pts { get; }

    public long Dts { get; set; }

    public long Duration { get; }

    public bool IsKeyframe { get; }

    public ReadOnlyMemory<byte> Data =>
        (_owner ?? throw new ObjectDisposedException(nameof(EncodedPacket))).Memory[..Length];

    public void Dispose()
    {
        _owner?.Dispose();
        _owner = null;
    }
}
