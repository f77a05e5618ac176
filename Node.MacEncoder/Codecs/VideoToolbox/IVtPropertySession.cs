namespace Vtr.Node.Codecs.VideoToolbox;

/// <summary>
/// A VideoToolbox session reduced to what <see cref="PlannedPropertyApplier"/> asks of it: whether this macOS exports
/// a constant, and the OSStatus of VTSessionSetProperty. <c>VtSessionProperties</c> is the real one on macOS; tests
/// off macOS, where VideoToolbox cannot run, answer from a table.
/// </summary>
public interface IVtPropertySession
{
    /// <summary>True when the running OS exports the symbol (checked through VtExports on macOS).</summary>
    bool IsExported(VtSymbol symbol);

    /// <summary>Sets the property; every symbol of it is exported. Returns VTSessionSetProperty's OSStatus.</summary>
    int Set(PlannedProperty property);
}
