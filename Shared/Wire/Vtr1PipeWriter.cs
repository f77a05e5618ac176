using System.IO.Pipelines;
using Vtr.Shared.Media;

namespace Vtr.Shared.Wire;

/// <summary>
/// Sends VTR1 messages into a <see cref="PipeWriter"/>. Hot paths write through <see cref="Output"/> with
/// the static writers (<see cref="FrameMessage.Write(System.Buffers.IBufferWriter{byte}, long, long, uint, ReadOnlySpan{PlaneView}, WireCompression, ReadOnlySpan{SideDataEntry})"/>,
/// <see cref="PacketMessage.Write(System.Buffers.IBufferWriter{byte}, long, long, long, uint, ReadOnlySpan{byte})"/>)
/// and then call <see cref="FlushAsync"/>.
/// </summary>
public sealed class Vtr1PipeWriter(PipeWriter writer)
{
    public PipeWriter Output { get; } = writer ?? throw new ArgumentNullException(nameof(writer));

    /// <summary>Compression applied to FRAME messages passed to <see cref="SendAsync"/>; set it after CONFIGURE.</summary>
    public WireCompression FrameCompression { get; set; }

    /// <summary>Writes the message and flushes.</summary>
    public ValueTask SendAsync(IVtr1Message message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message is FrameMessage frame)
        {
            frame.Write(Output, FrameCompression);
        }
        else
        {
            message.Write(Output);
        }

        return FlushAsync(ct);
    }

    /// <summary>Flushes what the static writers put into <see cref="Output"/>.</summary>
    public ValueTask FlushAsync(CancellationToken ct)
    {
        var flush = Output.FlushAsync(ct);
        if (flush.IsCompletedSuccessfully)
        {
            _ = flush.Result;
            return ValueTask.CompletedTask;
        }

        return AwaitFlush(flush);
    }

    private static async ValueTask AwaitFlush(ValueTask<FlushResult> flush) => await flush.ConfigureAwait(false);
}
