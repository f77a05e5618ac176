namespace Vtr.Shared.Media;

/// <summary>
/// HDR10 static metadata of a video stream: the mastering display and the content light level, each optional.
/// Travels from client to node as two CONFIGURE keys of ours (docs/protocol.md), beside FFmpeg's colour keys.
/// </summary>
public sealed record HdrMetadata(MasteringDisplay? Display, ContentLightLevel? Light)
{
    /// <summary>CONFIGURE key for <see cref="MasteringDisplay"/> in x265's syntax.</summary>
    public const string MasterDisplayKey = "master_display";

    /// <summary>CONFIGURE key for <see cref="ContentLightLevel"/>, <c>MaxCLL,MaxFALL</c>.</summary>
    public const string MaxCllKey = "max_cll";

    public static readonly HdrMetadata None = new(null, null);

    public bool IsEmpty => Display is null && Light is null;

    /// <summary>The CONFIGURE options for what is known.</summary>
    public IEnumerable<KeyValuePair<string, string>> ConfigureOptions()
    {
        if (Display is not null)
        {
            yield return new(MasterDisplayKey, Display.ToString());
        }

        if (Light is not null)
        {
            yield return new(MaxCllKey, Light.ToString());
        }
    }

    /// <summary>Each part from this, else from <paramref name="other"/> (container first, bitstream second).</summary>
    public HdrMetadata Or(HdrMetadata other) => new(Display ?? other.Display, Light ?? other.Light);
}
