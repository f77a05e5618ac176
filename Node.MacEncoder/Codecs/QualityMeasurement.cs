namespace Vtr.Node.Codecs;

/// <summary>How a node's measurement of a segment ended.</summary>
public enum QualityVerdict : byte
{
    /// <summary>Every encoded picture decoded and was measured.</summary>
    Measured = 0,

    /// <summary>The output does not decode to the pictures encoded (decoder error, missing or extra frames).</summary>
    DecodeFailed = 1,

    /// <summary>The node could not measure (a limit of its own, not of the output): the client measures instead.</summary>
    NotMeasured = 2,
}

/// <summary>
/// A segment's quality as its node measured it: pictures measured and encoded, the mean of the psnr filter's
/// <c>mse_avg</c> and of the ssim filter's <c>All</c> over the measured pictures, and the reason when not
/// <see cref="QualityVerdict.Measured"/>.
/// </summary>
public sealed record QualityMeasurement(QualityVerdict Verdict, int FramesMeasured, int FramesEncoded, double MeanSquaredError, double Ssim, string Detail)
{
    public static QualityMeasurement Failed(QualityVerdict verdict, int measured, int encoded, string detail) => new(verdict, measured, encoded, 0, 0, detail);
}
