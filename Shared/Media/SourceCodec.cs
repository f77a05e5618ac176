namespace Vtr.Shared.Media;

/// <summary>
/// The codec a source video is in, by FFmpeg codec name (<c>avcodec_get_name</c>: "h264", "hevc", "prores",
/// "dnxhd", "mpeg2video", ...). VTR1 itself knows only <see cref="VideoCodec"/>; every other source travels to a
/// node through the transcode mode's <c>source_codec</c> key, or as decoded FRAMEs. H.264 and HEVC are the two
/// that travel as Annex B.
/// </summary>
public readonly record struct SourceCodec(string Name)
{
    public static readonly SourceCodec H264 = new(VideoCodecNames.H264);
    public static readonly SourceCodec Hevc = new(VideoCodecNames.Hevc);

    public static implicit operator SourceCodec(VideoCodec codec) => new(codec.ToWireName());

    /// <summary>True for H.264 and HEVC, whose packets are NAL units (Annex B on the wire).</summary>
    public bool IsAnnexB => VideoCodecNames.TryParse(Name ?? string.Empty, out _);

    /// <summary>The VTR1 codec this is, when it is one.</summary>
    public bool TryGetVideoCodec(out VideoCodec codec) => VideoCodecNames.TryParse(Name ?? string.Empty, out codec);

    /// <summary>The VTR1 codec; throws for a source outside H.264/HEVC (callers check <see cref="IsAnnexB"/>).</summary>
    public VideoCodec AsVideoCodec => TryGetVideoCodec(out var codec)
        ? codec
        : throw new InvalidOperationException($"{Name} is not an H.264/HEVC source");

    /// <summary>The name as the <c>source_codec</c> key and RegisterNode.DecodeCodecs carry it.</summary>
    public string ToWireName() => Name ?? string.Empty;

    public override string ToString() => ToWireName();
}
