using System.Buffers;
using Vtr.Shared.Media;
using Vtr.Shared.Wire;

namespace Vtr.Shared.Tests.Wire;

/// <summary>Serialise and parse whole messages in tests.</summary>
internal static class WireBytes
{
    public static byte[] Of(IVtr1Message message)
    {
        var output = new ArrayBufferWriter<byte>();
        message.Write(output);
        return output.WrittenSpan.ToArray();
    }

    public static byte[] OfFrame(FrameMessage frame, WireCompression compression)
    {
        var output = new ArrayBufferWriter<byte>();
        frame.Write(output, compression);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>Frames and parses exactly one message that must fill <paramref name="bytes"/>.</summary>
    public static IVtr1Message Parse(byte[] bytes, WireCompression compression = WireCompression.None, Vtr1Limits? limits = null) =>
        Parse(new ReadOnlySequence<byte>(bytes), compression, limits);

    public static IVtr1Message Parse(ReadOnlySequence<byte> buffer, WireCompression compression = WireCompression.None, Vtr1Limits? limits = null)
    {
        limits ??= Vtr1Limits.Default;
        Assert.True(Vtr1FrameReader.TryRead(ref buffer, limits, out var type, out var payload), "a whole message was expected");
        Assert.True(buffer.IsEmpty, "nothing may follow the message");
        return Vtr1MessageReader.Read(type, payload, compression, limits);
    }
}
