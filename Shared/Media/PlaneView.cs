namespace Vtr.Shared.Media;

/// <summary>One raw picture plane: <see cref="Height"/> rows of <see cref="Stride"/> bytes in <see cref="Data"/>.</summary>
public readonly record struct PlaneView(ReadOnlyMemory<byte> Data, int Stride, int Height);
