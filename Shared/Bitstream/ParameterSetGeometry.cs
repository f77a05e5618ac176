namespace Vtr.Shared.Bitstream;

/// <summary>Display size, luma bit depth and chroma_format_idc (1 = 4:2:0) announced by an SPS.</summary>
public readonly record struct ParameterSetGeometry(int Width, int Height, int BitDepth, int ChromaFormat);
