using System.Buffers;
using Vtr.Shared.Media;
using Vtr.Shared.Wire;

namespace Vtr.Cli.Benchmarks;

/// <summary>
/// Exact on-the-wire sizes, obtained by running the real message writers into a scratch buffer (so no header
/// constant is copied here). Compression is deterministic, so a FRAME's size depends only on its picture.
/// </summary>
internal sealed class WireSizes
{
    private readonly ArrayBufferWriter<byte> _scratch = new();
    private readonly PlaneView[] _planes = new PlaneView[2];

    /// <summary>Bytes a PACKET adds around its Annex B payload (VTR1 header + PACKET head).</summary>
    public static int PacketOverheadBytes { get; } = MeasurePacketOverhead();

    /// <summary>Bytes of the FRAME message carrying <paramref name="luma"/> and <paramref name="chroma"/>.</summary>
    public int FrameBytes(PlaneView luma, PlaneView chroma, WireCompression compression)
    {
        _planes[0] = luma;
        _planes[1] = chroma;
        _scratch.ResetWrittenCount();
        FrameMessage.Write(_scratch, 0, 1, 0, _planes, compression);
        return _scratch.WrittenCount;
    }

    private static int MeasurePacketOverhead()
    {
        var scratch = new ArrayBufferWriter<byte>();
        PacketMessage.Write(scratch, 0, 0, 0, 0, []);
        return scratch.WrittenCount;
    }
}
