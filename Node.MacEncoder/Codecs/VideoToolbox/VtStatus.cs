namespace Vtr.Node.Codecs.VideoToolbox;

/// <summary>OSStatus codes this backend maps, from VideoToolbox/VTErrors.h and CoreVideo/CVReturn.h.</summary>
public static class VtStatus
{
    public const int NoErr = 0;
    public const int PropertyNotSupported = -12900; // kVTPropertyNotSupportedErr
    public const int PropertyReadOnly = -12901; // kVTPropertyReadOnlyErr
    public const int Parameter = -12902; // kVTParameterErr
    public const int InvalidSession = -12903; // kVTInvalidSessionErr
    public const int AllocationFailed = -12904; // kVTAllocationFailedErr
    public const int PixelTransferNotSupported = -12905; // kVTPixelTransferNotSupportedErr
    public const int CouldNotFindVideoDecoder = -12906; // kVTCouldNotFindVideoDecoderErr
    public const int CouldNotCreateInstance = -12907; // kVTCouldNotCreateInstanceErr
    public const int CouldNotFindVideoEncoder = -12908; // kVTCouldNotFindVideoEncoderErr
    public const int VideoDecoderBadData = -12909; // kVTVideoDecoderBadDataErr
    public const int VideoDecoderUnsupportedDataFormat = -12910; // kVTVideoDecoderUnsupportedDataFormatErr
    public const int VideoDecoderMalfunction = -12911; // kVTVideoDecoderMalfunctionErr
    public const int VideoEncoderMalfunction = -12912; // kVTVideoEncoderMalfunctionErr
    public const int VideoDecoderNotAvailableNow = -12913; // kVTVideoDecoderNotAvailableNowErr
    public const int VideoEncoderNotAvailableNow = -12915; // kVTVideoEncoderNotAvailableNowErr
    public const int CvReturnSuccess = 0; // kCVReturnSuccess

    /// <summary>The symbolic name of a status, or its number.</summary>
    public static string Describe(int status) => status switch
    {
        NoErr => "noErr",
        PropertyNotSupported => "kVTPropertyNotSupportedErr",
        PropertyReadOnly => "kVTPropertyReadOnlyErr",
        Parameter => "kVTParameterErr",
        InvalidSession => "kVTInvalidSessionErr",
        AllocationFailed => "kVTAllocationFailedErr",
        PixelTransferNotSupported => "kVTPixelTransferNotSupportedErr",
        CouldNotFindVideoDecoder => "kVTCouldNotFindVideoDecoderErr",
        CouldNotCreateInstance => "kVTCouldNotCreateInstanceErr",
        CouldNotFindVideoEncoder => "kVTCouldNotFindVideoEncoderErr",
        VideoDecoderBadData => "kVTVideoDecoderBadDataErr",
        VideoDecoderUnsupportedDataFormat => "kVTVideoDecoderUnsupportedDataFormatErr",
        VideoDecoderMalfunction => "kVTVideoDecoderMalfunctionErr",
        VideoEncoderMalfunction => "kVTVideoEncoderMalfunctionErr",
        VideoDecoderNotAvailableNow => "kVTVideoDecoderNotAvailableNowErr",
        VideoEncoderNotAvailableNow => "kVTVideoEncoderNotAvailableNowErr",
        _ => status.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>Malfunction and not-available-now can clear up in a fresh session; the rest are configuration errors.</summary>
    public static bool IsRecoverable(int status) =>
        status is VideoEncoderMalfunction or VideoDecoderMalfunction or VideoEncoderNotAvailableNow
            or VideoDecoderNotAvailableNow or InvalidSession;
}

/// <summary>A VideoToolbox/CoreMedia/CoreVideo call returned a non-zero OSStatus.</summary>
public sealed class VideoToolboxException : CodecException
{
    public VideoToolboxException(string operation, int status)
        : base($"{operation} failed: {VtStatus.Describe(status)} ({status})")
    {
        Operation = operation;
        Status = status;
        IsRecoverable = VtStatus.IsRecoverable(status);
    }

    public VideoToolboxException()
    {
        Operation = string.Empty;
    }

    public VideoToolboxException(string message)
        : base(message)
    {
        Operation = string.Empty;
    }

    public VideoToolboxException(string message, Exception inner)
        : base(message, inner)
    {
        Operation = string.Empty;
    }

    public string Operation { get; }

    public int Status { get; }
}
