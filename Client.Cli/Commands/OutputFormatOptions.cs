using System.CommandLine;
using Vtr.Cli.Segmenting;
using Vtr.Shared.Media;

namespace Vtr.Cli.Commands;

/// <summary>
/// `vtr transcode`'s choice of output samples: --pix-fmt, and whether --codec was given at all (left out, a source over
/// 8 bits becomes HEVC Main10, see <see cref="OutputFormatChoice"/>). Kept apart from the encode options like
/// <see cref="OutputFileOptions"/>.
/// </summary>
public sealed class OutputFormatOptions
{
    private readonly Option<string> _pixelFormat = new("--pix-fmt")
    {
        Description = "output samples: auto (10-bit 4:2:0 for a source over 8 bits, else 8-bit) | yuv420p (8-bit) | yuv420p10le (10-bit, HEVC Main10); 4:2:2/4:4:4 sources become 4:2:0",
        DefaultValueFactory = _ => "auto",
    };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(_pixelFormat);
    }

    /// <summary>Sets the bit depth and whether the codec follows the source; false with a problem for an unknown or impossible choice.</summary>
    public bool TryApply(ParseResult parse, Option<string> codec, ref TranscodeRequest? request, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(parse);
        problem = null;
        var value = parse.GetValue(_pixelFormat) ?? "auto";
        OutputBitDepth? depth = value switch
        {
            "auto" => OutputBitDepth.Auto,
            "yuv420p" or "nv12" => OutputBitDepth.Eight,
            "yuv420p10le" or "yuv420p10" or "p010" => OutputBitDepth.Ten,
            _ => null,
        };
        if (depth is not { } chosen)
        {
            problem = $"unsupported --pix-fmt '{value}' (auto, yuv420p or yuv420p10le)";
            return false;
        }

        var codecGiven = parse.GetResult(codec) is { Implicit: false };
        var encode = request!.Encode;
        if (chosen == OutputBitDepth.Ten && codecGiven && encode.Codec == VideoCodec.H264)
        {
            problem = "--pix-fmt yuv420p10le needs --codec hevc (H.264 nodes take 8-bit frames only)";
            return false;
        }

        request = request with { Encode = encode with { BitDepth = chosen, CodecFromSource = !codecGiven } };
        return true;
    }
}
