using System.Runtime.Versioning;
using Vtr.Node.Codecs.VideoToolbox.Interop;

namespace Vtr.Node.Codecs.VideoToolbox;

/// <summary>A compression session as <see cref="PlannedPropertyApplier"/> sees it: exports via VtExports, VTSessionSetProperty.</summary>
[SupportedOSPlatform("macos")]
internal sealed class VtSessionProperties(SafeVTCompressionSessionHandle session) : IVtPropertySession
{
    public bool IsExported(VtSymbol symbol) => VtExports.IsExported(symbol);

    public int Set(PlannedProperty property)
    {
        using var value = CFValues.Create(property.Value);
        var status = VideoToolboxNative.VTSessionSetProperty(session, VtExports.ValueOf(property.Key), value.DangerousGetHandle());
        GC.KeepAlive(value);
        return status;
    }
}
