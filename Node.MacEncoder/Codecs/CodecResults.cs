namespace Vtr.Node.Codecs;

public enum SubmitResult
{
    Accepted,

    /// <summary>The codec is full (libavcodec EAGAIN): drain output, then submit the same input again.</summary>
    NeedsDrain,
}

public enum ReceiveResult
{
    /// <summary>An output was returned.</summary>
    Output,

    /// <summary>Nothing ready until more input arrives.</summary>
    NeedsInput,

    /// <summary>Flushed and fully drained.</summary>
    EndOfStream,
}
