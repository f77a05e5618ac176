using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using Vtr.Shared.Media;

namespace Vtr.Shared.Wire;

/// <summary>
/// Reads whole VTR1 messages from a <see cref="PipeReader"/>. Each message is parsed (and copies what it
/// keeps) before the pipe is advanced, so nothing refers to pipe memory afterwards. Given the stream the pipe
/// reads from (<paramref name="directSource"/>), large uncompressed FRAMEs have their planes read from it straight
/// into the plane arrays (<see cref="Vtr1RawFrameReader"/>). FRAME planes are rented from <paramref name="planePool"/>
/// (default: the shared pool; a node's tests pass a counting one).
/// </summary>
public sealed class Vtr1PipeReader(PipeReader reader, Vtr1Limits limits, Stream? directSource = null, ArrayPool<byte>? planePool = null)
{
    private readonly ArrayPool<byte> _planePool = planePool ?? ArrayPool<byte>.Shared;

    public PipeReader Input { get; } = reader ?? throw new ArgumentNullException(nameof(reader));

    public Vtr1Limits Limits { get; } = limits ?? throw new ArgumentNullException(nameof(limits));

    /// <summary>
    /// The next message, or null on a clean end of stream at a message boundary. An end of stream in the
    /// middle of a message throws <see cref="Vtr1ProtocolException"/> (Malformed). FRAME planes are
    /// decompressed with <paramref name="compression"/>; the caller disposes returned frames.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<IVtr1Message?> ReadAsync(WireCompression compression, CancellationToken ct)
    {
        while (true)
        {
            var result = await Input.ReadAsync(ct).ConfigureAwait(false);
            if (result.IsCanceled)
            {
                throw new OperationCanceledException("the VTR1 read was cancelled", ct);
            }

            var buffer = result.Buffer;
            var consumed = buffer.Start;
            var examined = buffer.End;
            var directPayload = -1L;
            try
            {
                if (Vtr1FrameReader.TryRead(ref buffer, Limits, out var type, out var payload))
                {
                    var message = Vtr1MessageReader.Read(type, payload, compression, Limits, _planePool);
                    consumed = buffer.Start;
                    examined = consumed;
                    return message;
                }

                if (directSource is not null && compression == WireCompression.None && !result.IsCompleted
                    && Vtr1RawFrameReader.Wants(buffer, Limits, out var length))
                {
                    directPayload = length;
                    examined = consumed; // the raw reader takes the buffered bytes first, without waiting for more
                }
                else if (result.IsCompleted)
                {
                    return buffer.IsEmpty
                        ? null
                        : throw Vtr1ProtocolException.Malformed($"stream ended inside a message ({buffer.Length} bytes left)");
                }
            }
            finally
            {
                Input.AdvanceTo(consumed, examined);
            }

            if (directPayload >= 0)
            {
                return await Vtr1RawFrameReader.ReadAsync(Input, directSource!, directPayload, Limits, _planePool, ct).ConfigureAwait(false);
            }
        }
    }
}
