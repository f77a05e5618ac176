using Vtr.Native.FFmpeg;

namespace Vtr.Cli.Media;

/// <summary>
/// Copies every non-video stream of a source into an output, packet by packet (no re-encode): codec parameters via
/// avcodec_parameters_copy, timestamps rescaled to the output stream's time base. <see cref="CopyUntil"/> writes only
/// the packets due before a given video dts, so the caller interleaves them with its video as it goes.
/// </summary>
internal sealed class StreamCopier : IDisposable
{
    private readonly InputContext _input;
    private readonly int[] _outputIndexOf;
    private readonly AvRational[] _outputTimeBase;
    private bool _pending;
    private bool _finished;

    private StreamCopier(InputContext input, int[] outputIndexOf)
    {
        _input = input;
        _outputIndexOf = outputIndexOf;
        _outputTimeBase = new AvRational[outputIndexOf.Length];
    }

    public int StreamCount { get; private set; }

    /// <summary>Adds one output stream per copyable input stream (everything but video, attachments and tmcd timecode tracks,
    /// which the muxer recreates), with its tags, and carries the file's and the video stream's metadata
    /// (<see cref="ContainerMetadata"/>) onto <paramref name="outputVideo"/>.</summary>
    public static StreamCopier AddStreams(string sourcePath, SafeOutputContextHandle output, string outputPath, nint outputVideo)
    {
        var input = InputContext.Open(sourcePath);
        try
        {
            var layout = input.Layout;
            var map = new int[input.StreamCount];
            var count = 0;
            var outputFormat = AvFormatFields.OutputFormat(layout, output.DangerousGetHandle());
            for (var i = 0; i < map.Length; i++)
            {
                map[i] = -1;
                var parameters = input.StreamParameters(i);
                var type = AvFormatFields.CodecType(layout, parameters);
                if (type is AvUtilNative.MediaTypeVideo or AvUtilNative.MediaTypeAttachment || ContainerMetadata.IsTimecodeTrack(input, i))
                {
                    continue;
                }

                var codecId = AvFormatFields.CodecId(layout, parameters);
                if (AvFormatNative.avformat_query_codec(outputFormat, codecId, AvCodecNative.ComplianceNormal) == 0)
                {
                    throw new UnsupportedMediaException(
                        $"Cannot copy stream #{i} ({AvCodecNative.CodecName(codecId)}) of '{sourcePath}' into '{outputPath}': the container cannot store it.");
                }

                var stream = AvFormatNative.avformat_new_stream(output, 0);
                if (stream == 0)
                {
                    throw new MediaProcessingException("avformat_new_stream failed");
                }

                var outParameters = AvFormatFields.StreamParameters(layout, stream);
                MediaProcessingException.ThrowIfError(AvCodecNative.avcodec_parameters_copy(outParameters, parameters), "avcodec_parameters_copy");
                AvFormatFields.ClearCodecTag(layout, outParameters);
                AvFormatFields.SetStreamTimeBase(layout, stream, input.StreamTimeBase(i));
                ContainerMetadata.CopyStreamTags(input, i, stream);
                map[i] = AvFormatFields.StreamIndex(layout, stream);
                count++;
            }

            ContainerMetadata.Carry(input, output, outputVideo);
            return new StreamCopier(input, map) { StreamCount = count };
        }
        catch
        {
            input.Dispose();
            throw;
        }
    }

    /// <summary>After avformat_write_header: the time bases the muxer settled on.</summary>
    public void CaptureOutputTimeBases(nint outputContext)
    {
        for (var i = 0; i < _outputIndexOf.Length; i++)
        {
            if (_outputIndexOf[i] >= 0)
            {
                var stream = AvFormatFields.Stream(_input.Layout, outputContext, _outputIndexOf[i]);
                _outputTimeBase[i] = AvFormatFields.StreamTimeBase(_input.Layout, stream);
            }
        }
    }

    /// <summary>Writes copied packets whose dts is at or before <paramref name="dts"/> (in <paramref name="timeBase"/>);
    /// <see langword="null"/> copies everything left.</summary>
    public void CopyUntil(SafeOutputContextHandle output, long? dts, AvRational timeBase)
    {
        var codecLayout = _input.Runtime.Codecs.Layout;
        while (_pending || TryReadCopyable())
        {
            var packet = _input.Packet;
            var inputIndex = AvFormatFields.PacketStreamIndex(_input.Layout, packet);
            var inputTimeBase = _input.StreamTimeBase(inputIndex);
            var packetDts = AvFields.PacketDts(codecLayout, packet);
            if (packetDts == AvLayout.NoPtsValue)
            {
                packetDts = AvFields.PacketPts(codecLayout, packet);
            }

            if (dts is { } limit && packetDts != AvLayout.NoPtsValue
                && AvUtilNative.av_compare_ts(packetDts, inputTimeBase, limit, timeBase) > 0)
            {
                _pending = true;
                return;
            }

            _pending = false;
            AvCodecNative.av_packet_rescale_ts(packet, inputTimeBase, _outputTimeBase[inputIndex]);
            AvFormatFields.SetPacketStreamIndex(_input.Layout, packet, _outputIndexOf[inputIndex]);
            var result = AvFormatNative.av_interleaved_write_frame(output, packet);
            if (result < 0)
            {
                throw new MediaProcessingException($"Cannot write a copied packet of stream #{inputIndex}: {FFmpegErrors.Describe(result)}.");
            }
        }
    }

    private bool TryReadCopyable()
    {
        while (!_finished && _input.ReadPacket())
        {
            var index = AvFormatFields.PacketStreamIndex(_input.Layout, _input.Packet);
            if (index < _outputIndexOf.Length && _outputIndexOf[index] >= 0)
            {
                return true;
            }
        }

        _finished = true;
        return false;
    }

    public void Dispose() => _input.Dispose();
}
