using System.Globalization;

namespace Vtr.Node.Codecs.VideoToolbox;

/// <summary>
/// Applies one <see cref="PlannedProperty"/> to a session and decides what a failure means. A property whose key or
/// value constant this macOS does not export (kVTProfileLevel_HEVC_Main42210_AutoLevel is macOS 12.3+), or that the
/// encoder refuses as unsupported (kVTPropertyNotSupportedErr) or read-only (kVTPropertyReadOnlyErr), is never set
/// blind: its fallback is tried, and only a fatal property — an option that cannot be honoured another way — ends
/// the session. Everything else becomes a CONFIGURE_ACK warning in WIRE.md §4.2 wording.
/// </summary>
public static class PlannedPropertyApplier
{
    /// <summary>Sets <paramref name="property"/> or its fallback; throws <see cref="VideoToolboxException"/> for a failed fatal one.</summary>
    public static void Apply(IVtPropertySession session, PlannedProperty property, List<string>? warnings)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(property);
        var missing = MissingSymbol(session, property);
        var status = missing is null ? session.Set(property) : VtStatus.PropertyNotSupported;
        if (status == VtStatus.NoErr)
        {
            return;
        }

        var reason = Reason(status, missing);
        if (property.Fallback is { Count: > 0 } fallback)
        {
            warnings?.Add($"{property.KeyName} not supported ({reason}); using {string.Join(" + ", fallback.Select(p => p.KeyName))}");
            foreach (var replacement in fallback)
            {
                Apply(session, replacement, warnings);
            }

            return;
        }

        if (property.Fatal)
        {
            throw missing is null
                ? new VideoToolboxException("set " + property.KeyName, status)
                : new VideoToolboxException($"set {property.KeyName} failed: {reason}");
        }

        warnings?.Add(IsUnsupported(status)
            ? $"{property.KeyName} not supported ({reason})"
            : $"set {property.KeyName} failed {status.ToString(CultureInfo.InvariantCulture)}");
    }

    /// <summary>Unsupported, read-only and missing constants say the same thing to a client: this Mac cannot do it.</summary>
    public static bool IsUnsupported(int status) => status is VtStatus.PropertyNotSupported or VtStatus.PropertyReadOnly;

    private static VtSymbol? MissingSymbol(IVtPropertySession session, PlannedProperty property)
    {
        foreach (var symbol in property.Symbols)
        {
            if (!session.IsExported(symbol))
            {
                return symbol;
            }
        }

        return null;
    }

    private static string Reason(int status, VtSymbol? missing) => missing is { } symbol
        ? $"{symbol.Name} not exported by this macOS"
        : VtStatus.Describe(status);
}
