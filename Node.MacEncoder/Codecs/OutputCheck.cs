namespace Vtr.Node.Codecs;

/// <summary>What a transcode session does with its own output before DONE (CONFIGURE <c>measure</c>, docs/protocol.md).</summary>
public enum OutputCheck
{
    /// <summary>Nothing: the client checks the output itself.</summary>
    None = 0,

    /// <summary><c>measure=decode</c>: every output packet goes through a real decoder, which must give back each
    /// picture encoded (count and pts) without an error; no quality is computed. What the client's final check would
    /// otherwise decode once more after the job.</summary>
    Decode = 1,

    /// <summary><c>measure=quality</c>: the decode check plus PSNR and SSIM against the pictures encoded.</summary>
    Quality = 2,
}
