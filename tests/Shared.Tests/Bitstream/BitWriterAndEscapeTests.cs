using Vtr.Shared.Bitstream;

namespace Vtr.Shared.Tests.Bitstream;

public class BitWriterAndEscapeTests
{
    private static readonly byte[] StartCode = [0, 0, 1];
    private static readonly byte[] ThreeZeros = [0, 0, 0];

    [Fact]
    public void Bit_writer_fields_read_back_with_the_bit_reader()
    {
        var buffer = new byte[16];
        var writer = new BitWriter(buffer);
        writer.WriteBits(5, 3);
        writer.WriteUe(0);
        writer.WriteUe(1);
        writer.WriteUe(15);
        writer.WriteUe(uint.MaxValue - 1);
        writer.WriteFlag(true);
        writer.WriteTrailingBits();

        Assert.False(writer.Failed);
        var reader = new BitReader(buffer.AsSpan(0, writer.BytesWritten));
        Assert.Equal(5u, reader.U(3));
        Assert.Equal(0u, reader.Ue());
        Assert.Equal(1u, reader.Ue());
        Assert.Equal(15u, reader.Ue());
        Assert.Equal(uint.MaxValue - 1, reader.Ue());
        Assert.True(reader.Flag());
        Assert.True(reader.Flag()); // rbsp_stop_one_bit
        Assert.False(reader.Failed);
    }

    [Fact]
    public void Copy_bits_reproduces_an_unaligned_run_exactly()
    {
        byte[] source = [0b1010_1100, 0b0111_0001, 0b1111_0000, 0xA5];
        var buffer = new byte[8];
        var writer = new BitWriter(buffer);
        writer.WriteBits(1, 3);
        writer.CopyBits(source, 5, 19);

        var expected = new BitReader(source);
        expected.Skip(5);
        var actual = new BitReader(buffer);
        Assert.Equal(1u, actual.U(3));
        Assert.Equal(expected.U(19), actual.U(19));
        Assert.Equal(22, writer.BitPosition);
    }

    [Fact]
    public void Bit_writer_latches_failure_instead_of_writing_past_the_end()
    {
        var buffer = new byte[1];
        var writer = new BitWriter(buffer);
        writer.WriteBits(0xFF, 8);
        writer.WriteFlag(true);

        Assert.True(writer.Failed);
        Assert.Equal(8, writer.BitPosition);
    }

    [Fact]
    public void Escape_inserts_emulation_prevention_before_bytes_0_to_3_after_two_zeros()
    {
        byte[] rbsp = [0x67, 0, 0, 0, 0, 0, 1, 0, 0, 4, 0, 0, 3, 0, 0];
        var destination = new byte[Rbsp.MaxEscapedLength(rbsp.Length)];

        var length = Rbsp.Escape(rbsp, destination);

        // 00 00 | 03 00 00 | 03 00 01, 00 00 04 stays, 00 00 | 03 03, and a final 00 gets a 03 after it.
        Assert.Equal("67000003000003000100000400000303000003", Convert.ToHexString(destination.AsSpan(0, length)));
        Assert.False(destination.AsSpan(0, length).IndexOf(StartCode) >= 0);
    }

    [Fact]
    public void Escape_then_unescape_returns_the_original_rbsp()
    {
        var random = new Random(1234);
        for (var round = 0; round < 500; round++)
        {
            var rbsp = new byte[random.Next(1, 64)];
            foreach (ref var value in rbsp.AsSpan())
            {
                // Mostly zeros and small values, so that every escape case occurs.
                value = (byte)(random.Next(4) == 0 ? random.Next(256) : random.Next(4));
            }

            rbsp[^1] = (byte)Math.Max((int)rbsp[^1], 1); // an RBSP ends in its stop bit
            var escaped = new byte[Rbsp.MaxEscapedLength(rbsp.Length)];
            var escapedLength = Rbsp.Escape(rbsp, escaped);
            var unescaped = new byte[escapedLength];
            var unescapedLength = Rbsp.Unescape(escaped.AsSpan(0, escapedLength), unescaped);

            Assert.Equal(Convert.ToHexString(rbsp), Convert.ToHexString(unescaped.AsSpan(0, unescapedLength)));
            Assert.True(escaped.AsSpan(0, escapedLength).IndexOf(StartCode) < 0);
            Assert.True(escaped.AsSpan(0, escapedLength).IndexOf(ThreeZeros) < 0);
        }
    }
}
