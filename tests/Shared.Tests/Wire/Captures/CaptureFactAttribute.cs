namespace Vtr.Shared.Tests.Wire.Captures;

/// <summary>A fact that is skipped, with the reason shown, when the VTR1 captures are not available.</summary>
public sealed class CaptureFactAttribute : FactAttribute
{
    public CaptureFactAttribute()
    {
        if (CaptureLocator.Directory is null)
        {
            Skip = CaptureLocator.MissingReason;
        }
    }
}

/// <summary>A theory that is skipped, with the reason shown, when the VTR1 captures are not available.</summary>
public sealed class CaptureTheoryAttribute : TheoryAttribute
{
    public CaptureTheoryAttribute()
    {
        if (CaptureLocator.Directory is null)
        {
            Skip = CaptureLocator.MissingReason;
        }
    }
}
