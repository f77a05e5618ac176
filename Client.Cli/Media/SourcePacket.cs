namespace Vtr.Cli.Media;

/// <summary>One source video packet as Annex B (4-byte start codes; parameter sets in-band before keyframes),
/// timestamps in the source video time base. <see cref="Index"/> is its decode-order index in <see cref="MediaInfo.VideoPackets"/>.</summary>
public sealed record SourcePacket(int Index, long Pts, long Dts, long Duration, bool IsKeyframe, ReadOnlyMemory<byte> AnnexB);
