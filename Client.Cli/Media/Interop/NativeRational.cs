namespace Vtr.Cli.Media.Interop;

/// <summary>AVRational {int num; int den;} passed by value; declared here because [LibraryImport] marshals only
/// blittable structs of this assembly while runtime marshalling is on.</summary>
internal readonly record struct NativeRational(int Num, int Den);
