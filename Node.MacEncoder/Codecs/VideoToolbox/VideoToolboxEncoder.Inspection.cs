using System.Runtime.Versioning;
using Vtr.Node.Codecs.VideoToolbox.Interop;

namespace Vtr.Node.Codecs.VideoToolbox;

/// <summary>One entry of VTSessionCopySupportedPropertyDictionary, and whether our property plan can set it.</summary>
public sealed record VtSupportedProperty(string Name, bool UsedByPlan, bool Supported, bool ReadOnly);

/// <summary>
/// What `vtr doctor` asks of a live encoder: the session's supported properties, and whether any output callback
/// arrives after VTCompressionSessionInvalidate returned (Dispose frees the callback's GCHandle right after it).
/// </summary>
public sealed unsafe partial class VideoToolboxEncoder
{
    private readonly TaskCompletionSource _lateCallback = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _invalidated;
    private int _lateCallbacks;

    /// <summary>Every property the session supports, plus the plan's keys it does not; the plan's first.</summary>
    internal IReadOnlyList<VtSupportedProperty> CopySupportedProperties()
    {
        ObjectDisposedException.ThrowIf(_session is null, this);
        nint dictionary = 0;
        VideoToolboxNative.Check(VideoToolboxNative.VTSessionCopySupportedPropertyDictionary(_session, &dictionary),
            "VTSessionCopySupportedPropertyDictionary");
        using var owned = SafeCFTypeHandle.Own(dictionary, "VTSessionCopySupportedPropertyDictionary");
        var readWriteKey = VtExports.ValueOf("kVTPropertyReadWriteStatusKey", VtFramework.VideoToolbox);
        var readOnly = VtExports.ValueOf("kVTPropertyReadWriteStatus_ReadOnly", VtFramework.VideoToolbox);
        var properties = new List<VtSupportedProperty>();
        var planned = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in CompressionPropertyKeys.SessionProperties)
        {
            planned.Add(key.ShortName);
            if (!VtExports.IsExported(key))
            {
                properties.Add(new VtSupportedProperty(key.ShortName, UsedByPlan: true, Supported: false, ReadOnly: false));
                continue;
            }

            var entry = CoreFoundationNative.CFDictionaryGetValue(dictionary, VtExports.ValueOf(key));
            properties.Add(new VtSupportedProperty(key.ShortName, UsedByPlan: true, entry != 0, IsReadOnly(entry, readWriteKey, readOnly)));
        }

        foreach (var key in CoreFoundationNative.KeysOf(dictionary))
        {
            var name = CoreFoundationNative.ToText(key);
            if (!planned.Contains(name))
            {
                var entry = CoreFoundationNative.CFDictionaryGetValue(dictionary, key);
                properties.Add(new VtSupportedProperty(name, UsedByPlan: false, Supported: true, IsReadOnly(entry, readWriteKey, readOnly)));
            }
        }

        GC.KeepAlive(owned);
        return properties;
    }

    /// <summary>
    /// Invalidates the session with frames still in flight and counts the output callbacks that arrive afterwards
    /// within <paramref name="window"/>. The encoder (and its GCHandle) stays alive meanwhile, so a late callback is
    /// counted, not a crash; the caller disposes the encoder afterwards.
    /// </summary>
    internal int InvalidateAndCountLateCallbacks(TimeSpan window)
    {
        ObjectDisposedException.ThrowIf(_session is null, this);
        _session.Dispose(); // VTCompressionSessionInvalidate, then CFRelease
        _session = null;
        _invalidated = true;
        // A bounded observation window, not synchronisation: the question is whether anything arrives at all.
        _ = _lateCallback.Task.Wait(window);
        return Volatile.Read(ref _lateCallbacks);
    }

    private void NoteCallback()
    {
        if (_invalidated)
        {
            Interlocked.Increment(ref _lateCallbacks);
            _lateCallback.TrySetResult();
        }
    }

    private static bool IsReadOnly(nint entry, nint readWriteKey, nint readOnly)
    {
        if (entry == 0 || CoreFoundationNative.CFGetTypeID(entry) != CoreFoundationNative.CFDictionaryGetTypeID())
        {
            return false;
        }

        var status = CoreFoundationNative.CFDictionaryGetValue(entry, readWriteKey);
        return status != 0 && CoreFoundationNative.CFEqual(status, readOnly) != 0;
    }
}
