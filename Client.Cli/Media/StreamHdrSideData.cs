using Vtr.Cli.Media.Interop;
using Vtr.Shared.Media;

namespace Vtr.Cli.Media;

/// <summary>
/// HDR10 metadata as container stream side data: what the mov demuxer reads from <c>mdcv</c>/<c>clli</c> and the
/// Matroska demuxer from MasteringMetadata/MaxCLL/MaxFALL, and what movenc and matroskaenc write back out.
/// The payloads are libavutil's AVMasteringDisplayMetadata (mastering_display_metadata.h: AVRational
/// display_primaries[3][2] in the order R, G, B, white_point[2], min_luminance, max_luminance, int has_primaries,
/// int has_luminance; 88 bytes) and AVContentLightMetadata (unsigned MaxCLL, MaxFALL).
/// </summary>
internal static unsafe class StreamHdrSideData
{
    private const int MasteringDisplaySize = 88;
    private const int ContentLightSize = 8;

    public static HdrMetadata Read(AvFormatRuntime runtime, nint stream)
    {
        var display = Find(runtime, stream, SideDataNative.MasteringDisplayMetadata, MasteringDisplaySize, out var displayData)
            ? ReadMasteringDisplay((int*)displayData)
            : null;
        var light = Find(runtime, stream, SideDataNative.ContentLightLevel, ContentLightSize, out var lightData)
            ? new ContentLightLevel(Clamp16(((uint*)lightData)[0]), Clamp16(((uint*)lightData)[1]))
            : null;
        return new HdrMetadata(display, light);
    }

    /// <summary>Adds the known parts to a stream of an output context before its header is written.</summary>
    public static void Write(AvFormatRuntime runtime, nint stream, HdrMetadata hdr)
    {
        if (hdr.Display is { } d)
        {
            var m = (int*)Allocate(runtime, stream, SideDataNative.MasteringDisplayMetadata, MasteringDisplaySize);
            ReadOnlySpan<int> primaries = [d.RedX, d.RedY, d.GreenX, d.GreenY, d.BlueX, d.BlueY, d.WhiteX, d.WhiteY];
            for (var i = 0; i < primaries.Length; i++)
            {
                m[2 * i] = primaries[i];
                m[(2 * i) + 1] = MasteringDisplay.ChromaticityScale;
            }

            SetRational(m + 16, d.MinLuminance, MasteringDisplay.LuminanceScale);
            SetRational(m + 18, d.MaxLuminance, MasteringDisplay.LuminanceScale);
            m[20] = 1; // has_primaries
            m[21] = 1; // has_luminance
        }

        if (hdr.Light is { } l)
        {
            var c = (uint*)Allocate(runtime, stream, SideDataNative.ContentLightLevel, ContentLightSize);
            c[0] = l.MaxContent;
            c[1] = l.MaxAverage;
        }
    }

    private static MasteringDisplay? ReadMasteringDisplay(int* m)
    {
        if (m[20] == 0 || m[21] == 0)
        {
            return null; // a half-known mastering display cannot be written as SEI or mdcv
        }

        ushort Chroma(int index) => (ushort)Math.Clamp(Scale(m + (2 * index), MasteringDisplay.ChromaticityScale), 0, ushort.MaxValue);
        uint Luminance(int* r) => (uint)Math.Clamp(Scale(r, MasteringDisplay.LuminanceScale), 0, uint.MaxValue);
        // Rationals 0..7: R x/y, G x/y, B x/y, white point x/y; the SEI order is G, B, R.
        return new MasteringDisplay(Chroma(2), Chroma(3), Chroma(4), Chroma(5), Chroma(0), Chroma(1),
            Chroma(6), Chroma(7), MaxLuminance: Luminance(m + 18), MinLuminance: Luminance(m + 16));
    }

    /// <summary>num/den in units of 1/<paramref name="scale"/>, rounded.</summary>
    private static long Scale(int* rational, int scale) =>
        rational[1] <= 0 ? 0 : (long)Math.Round((double)rational[0] * scale / rational[1], MidpointRounding.AwayFromZero);

    private static void SetRational(int* field, uint value, int scale)
    {
        field[0] = (int)Math.Min(value, int.MaxValue);
        field[1] = scale;
    }

    private static ushort Clamp16(uint value) => (ushort)Math.Min(value, ushort.MaxValue);

    private static bool Find(AvFormatRuntime runtime, nint stream, int type, int minimumSize, out nint data)
    {
        nuint size;
        var layout = runtime.Layout;
        if (layout.ParametersCodedSideData < 0)
        {
            data = SideDataNative.av_stream_get_side_data(stream, type, out size);
        }
        else
        {
            var parameters = AvFormatFields.StreamParameters(layout, stream);
            var entry = SideDataNative.av_packet_side_data_get(
                *(nint*)(parameters + layout.ParametersCodedSideData), *(int*)(parameters + layout.ParametersCodedSideDataCount), type);
            // AVPacketSideData: uint8_t *data; size_t size; enum type.
            data = entry == 0 ? 0 : *(nint*)entry;
            size = entry == 0 ? 0 : *(nuint*)(entry + 8);
        }

        return data != 0 && size >= (nuint)minimumSize;
    }

    private static nint Allocate(AvFormatRuntime runtime, nint stream, int type, int size)
    {
        var layout = runtime.Layout;
        nint data;
        if (layout.ParametersCodedSideData < 0)
        {
            data = SideDataNative.av_stream_new_side_data(stream, type, (nuint)size);
        }
        else
        {
            var parameters = AvFormatFields.StreamParameters(layout, stream);
            var entry = SideDataNative.av_packet_side_data_new(
                parameters + layout.ParametersCodedSideData, parameters + layout.ParametersCodedSideDataCount, type, (nuint)size, 0);
            data = entry == 0 ? 0 : *(nint*)entry;
        }

        if (data == 0)
        {
            throw new MediaProcessingException("Cannot allocate the HDR side data of the output video stream.");
        }

        new Span<byte>((void*)data, size).Clear();
        return data;
    }
}
