using Vtr.Shared.Bitstream;

namespace Vtr.Node.Codecs.FFmpeg;

/// <summary>
/// Rewrites an encoder's Annex B output with a 4-byte start code before every NAL (WIRE.md §6.1): x264 and
/// x265 use 3-byte start codes for all but the first NAL of an access unit.
/// </summary>
internal static class AnnexBPacketWriter
{
    private static ReadOnlySpan<byte> StartCode => [0, 0, 0, 1];

    /// <summary>An upper bound for the rewritten size: every NAL costs at least 4 bytes and grows by at most 1.</summary>
    public static int MaxOutputLength(int inputLength) => inputLength + (inputLength / 4) + 8;

    public static int CopyWithLongStartCodes(ReadOnlySpan<byte> annexB, Span<byte> destination)
    {
        var written = 0;
        foreach (var nal in NalUnitReader.ForAnnexB(annexB))
        {
            StartCode.CopyTo(destination[written..]);
            nal.CopyTo(destination[(written + 4)..]);
            written += 4 + nal.Length;
        }

        return written;
    }
}
