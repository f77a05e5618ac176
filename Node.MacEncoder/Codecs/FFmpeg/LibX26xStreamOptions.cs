using System.Globalization;
using System.Text;
using Vtr.Shared.Media;
using static Vtr.Node.Codecs.FFmpeg.LibX26xOptionMapper;

namespace Vtr.Node.Codecs.FFmpeg;

/// <summary>Stream-shape options: GOP, profile/level, entropy, references, AQ, slices, colour tags, SAR, and the ignored rest.</summary>
internal static class LibX26xStreamOptions
{
    public static void Map(EncoderSettings settings, List<KeyValuePair<string, string>> av, StringBuilder p,
        List<string> warnings, string name)
    {
        var o = settings.Options;
        var hevc = settings.Codec == VideoCodec.Hevc;
        if (o.Gop > 0)
        {
            if (hevc)
            {
                Param(p, "keyint", o.Gop);
            }
            else
            {
                Add(av, "g", o.Gop.ToString(CultureInfo.InvariantCulture));
            }
        }

        if ((o.Flags & EncoderOptions.FlagClosedGop) != 0 && hevc)
        {
            Param(p, "open-gop", 0);
        }

        var profile = hevc ? HevcProfile(o.Profile, settings.PixelFormat, warnings) : H264Profile(o.Profile, warnings);
        if (profile is not null)
        {
            Add(av, "profile", profile);
        }

        if (o.Level > 0)
        {
            if (hevc)
            {
                warnings.Add($"option level ignored by {name}");
            }
            else
            {
                Add(av, "level", o.Level == 9 ? "1b" : $"{o.Level / 10}.{o.Level % 10}");
            }
        }

        if (o.Entropy != 0)
        {
            if (hevc)
            {
                warnings.Add($"option entropy ignored by {name}");
            }
            else if (o.Entropy == 2 && (o.Profile & 0xFF) == 66)
            {
                warnings.Add($"entropy CABAC dropped: baseline profile ({name})");
            }
            else
            {
                Add(av, "coder", o.Entropy == 1 ? "0" : "1");
            }
        }

        if (o.MaxRefFrames > 0)
        {
            var refs = Math.Min(o.MaxRefFrames, 16);
            if (hevc)
            {
                Param(p, "ref", refs);
            }
            else
            {
                Add(av, "refs", refs.ToString(CultureInfo.InvariantCulture));
            }
        }

        if (o.SpatialAq == 0)
        {
            if (hevc)
            {
                Param(p, "aq-mode", 0);
            }
            else
            {
                Add(av, "aq-mode", "0");
            }
        }

        if (o.MaxSliceBytes > 0)
        {
            if (hevc)
            {
                warnings.Add($"option max_slice_bytes ignored by {name}");
            }
            else
            {
                Param(p, "slice-max-size", o.MaxSliceBytes);
            }
        }

        MapColour(o, av);
        MapHdr(o, hevc, p, warnings, name);
        if (o.SarNum > 0 && o.SarDen > 0)
        {
            Add(av, "aspect", $"{o.SarNum}/{o.SarDen}");
        }

        Ignored(o, warnings, name);
    }

    private static void MapColour(EncoderOptions o, List<KeyValuePair<string, string>> av)
    {
        // The wire carries FFmpeg's own enum numbers, so they pass straight into the context fields.
        if (o.ColorRange is 1 or 2)
        {
            Add(av, "color_range", o.ColorRange.ToString(CultureInfo.InvariantCulture));
        }

        if (o.ColorSpace != 2 && o.ColorSpace >= 0)
        {
            Add(av, "colorspace", o.ColorSpace.ToString(CultureInfo.InvariantCulture));
        }

        if (o.ColorPrimaries != 2 && o.ColorPrimaries >= 0)
        {
            Add(av, "color_primaries", o.ColorPrimaries.ToString(CultureInfo.InvariantCulture));
        }

        if (o.ColorTransfer != 2 && o.ColorTransfer >= 0)
        {
            Add(av, "color_trc", o.ColorTransfer.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>x265 writes the mastering display and content light level SEI from its own parameters (FFmpeg 5.1's
    /// libx265 wrapper does not read AVFrame side data); x264 0.164 has no such SEI, so H.264 output goes without.</summary>
    private static void MapHdr(EncoderOptions o, bool hevc, StringBuilder p, List<string> warnings, string name)
    {
        if (o.MasteringDisplay is null && o.ContentLight is null)
        {
            return;
        }

        if (!hevc)
        {
            warnings.Add($"HDR10 mastering display/content light level not written by {name} (needs HEVC)");
            return;
        }

        if (o.MasteringDisplay is { } display)
        {
            Param(p, "master-display", display.ToString());
        }

        if (o.ContentLight is { } light)
        {
            Param(p, "max-cll", light.ToString());
        }
    }

    private static void Ignored(EncoderOptions o, List<string> warnings, string name)
    {
        if (o.FramesBefore)
        {
            warnings.Add($"option frames_before ignored by {name}");
        }

        if (o.FramesAfter)
        {
            warnings.Add($"option frames_after ignored by {name}");
        }

        if (o.PowerEfficient >= 0)
        {
            warnings.Add($"option power_efficient ignored by {name}");
        }

        if (o.AlphaQuality > 0)
        {
            warnings.Add($"option alpha_quality ignored by {name}");
        }

        if (o.PrioritizeSpeed >= 0)
        {
            warnings.Add($"option prio_speed mapped to the preset ladder ({name})");
        }
    }

    private static string? H264Profile(int profile, List<string> warnings)
    {
        switch (profile)
        {
            case -99:
                return null;
            case 66 or 578:
                return "baseline";
            case 77:
                return "main";
            case 100:
                return "high";
            case 612:
                warnings.Add("profile constrained high mapped to high (libx264)");
                return "high";
            default:
                warnings.Add($"profile {profile} not supported for 8-bit 4:2:0 ignored by libx264");
                return null;
        }
    }

    private static string? HevcProfile(int profile, WirePixelFormat pixel, List<string> warnings)
    {
        var tenBit = pixel == WirePixelFormat.P010;
        switch (profile)
        {
            case -99:
                return tenBit ? "main10" : null;
            case 1 when !tenBit:
                return "main";
            case 2 or 1:
                if (!tenBit)
                {
                    warnings.Add("profile main10 with 8-bit input encoded as main (libx265)");
                    return "main";
                }

                if (profile == 1)
                {
                    warnings.Add("profile main with 10-bit input encoded as main10 (libx265)");
                }

                return "main10";
            default:
                warnings.Add($"profile {profile} not supported for 4:2:0 ignored by libx265");
                return tenBit ? "main10" : null;
        }
    }
}
