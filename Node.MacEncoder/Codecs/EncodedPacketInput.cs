namespace Vtr.Node.Codecs;

/// <summary>A compressed access unit handed to a decoder (Annex B). Borrowed: the decoder copies it during Submit.</summary>
public readonly record struct EncodedPacketInput(ReadOnlyMemory<byte> Data, long Pts, long Dts, long Duration, bool IsKeyframe);
