using Vtr.Cli.Media;
using Vtr.Shared.Bitstream;
using Vtr.Shared.Media;

namespace Vtr.Cli.Segmenting;

/// <summary>
/// Writes the output from the winning segments in order: the first segment's avcC/hvcC as the stream's record, every
/// other stream of the source copied untouched, each segment's own parameter sets (its CONFIGURE_ACK record as Annex B)
/// in front of its first packet when they differ from the sets in effect (the previous segment's), the source pts kept exactly and dts planned over the whole stream
/// (<see cref="DtsPlanner"/>). A failure leaves nothing under the output name (<see cref="OutputMuxer"/>).
/// </summary>
public static class OutputAssembler
{
    /// <param name="segments">Every segment in order, as headers: timestamps and record (packet bytes may be absent).</param>
    /// <param name="load">Gives a segment with its packet bytes; called once per segment, in order, so only one is in memory.</param>
    public static void Write(string outputPath, MediaInfo source, VideoCodec codec, IReadOnlyList<EncodedSegment> segments,
        Func<EncodedSegment, EncodedSegment> load)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(segments);
        ArgumentNullException.ThrowIfNull(load);
        if (segments.Count == 0)
        {
            throw new ArgumentException("no segments to write", nameof(segments));
        }

        var pts = new List<long>();
        foreach (var segment in segments)
        {
            foreach (var packet in segment.Packets)
            {
                pts.Add(packet.Pts);
            }
        }

        var dts = DtsPlanner.Plan(pts);
        var durations = SourceDurations(source);
        var stream = new OutputVideoStream(codec, source.Width, source.Height, source.TimeBase, segments[0].DecoderConfiguration)
        {
            Colour = source.Colour,
            Hdr = source.Hdr,
        };
        using var muxer = OutputMuxer.Create(outputPath, stream);
        muxer.CopyOtherStreams(source.Path);
        var n = 0;
        var inEffect = segments[0].DecoderConfiguration;
        foreach (var header in segments)
        {
            var segment = load(header);
            // Only a record that differs from the sets in effect (another node's encoder, or back to the first node's
            // after one) needs its sets in-band: a decoder keeps the last SPS/PPS it saw under an id.
            var parameterSets = segment.DecoderConfiguration.IsEmpty
                || segment.DecoderConfiguration.Span.SequenceEqual(inEffect.Span)
                ? []
                : DecoderConfigurationRecord.ToAnnexB(codec, segment.DecoderConfiguration.Span);
            inEffect = segment.DecoderConfiguration.IsEmpty ? inEffect : segment.DecoderConfiguration;
            for (var i = 0; i < segment.Packets.Length; i++, n++)
            {
                var packet = segment.Packets[i];
                var duration = durations.TryGetValue(packet.Pts, out var d) && d > 0 ? d : packet.Duration;
                var data = i == 0 && parameterSets.Length > 0 ? Concat(parameterSets, packet.AnnexB.Span) : packet.AnnexB;
                muxer.WriteVideo(data.Span, packet.Pts, dts[n], duration, packet.IsKeyframe);
            }
        }

        muxer.Complete();
    }

    private static Dictionary<long, long> SourceDurations(MediaInfo source)
    {
        var durations = new Dictionary<long, long>(source.VideoPackets.Length);
        foreach (var packet in source.VideoPackets)
        {
            durations[packet.Pts] = packet.Duration;
        }

        return durations;
    }

    private static ReadOnlyMemory<byte> Concat(byte[] first, ReadOnlySpan<byte> second)
    {
        var joined = new byte[first.Length + second.Length];
        first.CopyTo(joined, 0);
        second.CopyTo(joined.AsSpan(first.Length));
        return joined;
    }
}
