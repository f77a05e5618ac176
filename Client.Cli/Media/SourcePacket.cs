namespace Vtr.Cli.Media;

/// <summary>One source video packet: for H.264/HEVC Annex B (4-byte start codes; parameter sets in-band before keyframes),
/// for other codecs the container's packet unchanged;
/// timestamps in the source video time base. <see cref="Index"/> is its decode-order index in <see cref="MediaInfo.VideoPackets"/>.</summary>
public sealed record SourcePacket(int Index, long Pts, long Dts, long Duration, bool IsKeyframe, ReadOnlyMemory<byte> AnnexB);
