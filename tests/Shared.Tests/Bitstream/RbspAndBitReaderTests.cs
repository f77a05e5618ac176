using Vtr.Shared.Bitstream;

namespace Vtr.Shared.Tests.Bitstream;

public class RbspAndBitReaderTests
{
    [Fact]
    public void Unescape_removes_each_emulation_prevention_byte()
    {
        byte[] nal = [0x67, 0, 0, 3, 0, 0, 0, 3, 1, 0, 3];
        var destination = new byte[nal.Length];

        var length = Rbsp.Unescape(nal, destination);

        // The 00 00 00 keeps its third zero (no 03 follows two zeros there); a lone 00 03 stays.
        Assert.Equal("670000000000010003", Convert.ToHexString(destination.AsSpan(0, length)));
        Assert.Equal(9, length);
    }

    [Fact]
    public void UnescapeIfNeeded_returns_the_input_itself_when_there_is_nothing_to_remove()
    {
        byte[] nal = [0x67, 0x42, 0, 1, 0x0A];

        var result = Rbsp.UnescapeIfNeeded(nal, new byte[nal.Length]);

        Assert.True(result == nal.AsSpan());
        Assert.False(Rbsp.ContainsEmulationPrevention(nal));
    }

    [Fact]
    public void Bit_reader_reads_fixed_and_exp_golomb_fields()
    {
        // 101 | 1 (ue 0) | 010 (ue 1) | 011 (ue 2) | 00100 (se +2) | 00101 (se -2) | pad
        byte[] data = [0b1011_0100, 0b1100_1000, 0b0101_0000];
        var reader = new BitReader(data);

        Assert.True(reader.TryReadBits(3, out var fixedBits));
        Assert.Equal(5u, fixedBits);
        Assert.Equal(0u, reader.Ue());
        Assert.Equal(1u, reader.Ue());
        Assert.Equal(2u, reader.Ue());
        Assert.Equal(2, reader.Se());
        Assert.Equal(-2, reader.Se());
        Assert.False(reader.Failed);
    }

    [Fact]
    public void Bit_reader_reports_overrun_instead_of_throwing()
    {
        var reader = new BitReader([0xFF]);

        Assert.False(reader.TryReadBits(9, out _));
        Assert.Equal(0xFFu, reader.U(8));
        Assert.False(reader.Failed);
        Assert.Equal(0u, reader.U(1));
        Assert.True(reader.Failed);
        Assert.False(new BitReader([0, 0, 0, 0, 0]).TryReadUe(out _)); // 40 zero bits: no valid code
    }
}
