using Vtr.Shared.Bitstream;

namespace Vtr.Shared.Tests.Bitstream;

public class NalUnitReaderTests
{
    private static List<string> SplitAnnexB(byte[] data)
    {
        var nals = new List<string>();
        foreach (var nal in NalUnitReader.ForAnnexB(data))
        {
            nals.Add(Convert.ToHexString(nal));
        }

        return nals;
    }

    [Fact]
    public void AnnexB_splits_on_three_and_four_byte_start_codes()
    {
        byte[] data = [0, 0, 0, 1, 0x67, 0xAA, 0, 0, 1, 0x68, 0xBB, 0, 0, 0, 1, 0x65, 0xCC];

        Assert.Equal(["67AA", "68BB", "65CC"], SplitAnnexB(data));
    }

    [Fact]
    public void AnnexB_trims_trailing_zero_bytes_and_skips_leading_garbage_and_empty_nals()
    {
        byte[] data = [0xFF, 0x12, 0, 0, 1, 0x67, 0xAA, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0x68, 0xBB, 0, 0];

        Assert.Equal(["67AA", "68BB"], SplitAnnexB(data));
    }

    [Fact]
    public void AnnexB_keeps_emulation_prevention_bytes_inside_the_nal()
    {
        byte[] data = [0, 0, 1, 0x67, 0, 0, 3, 1, 0x80, 0, 0, 1, 0x68];

        Assert.Equal(["6700000301" + "80", "68"], SplitAnnexB(data));
    }

    [Fact]
    public void AnnexB_reports_offsets_of_each_nal()
    {
        byte[] data = [0, 0, 0, 1, 0x67, 0xAA, 0, 0, 1, 0x68];
        var reader = NalUnitReader.ForAnnexB(data);

        Assert.True(reader.TryReadNext(out var first));
        Assert.True(reader.TryReadNext(out var second));
        Assert.False(reader.TryReadNext(out _));
        Assert.Equal(new NalUnitRange(4, 2), first);
        Assert.Equal(new NalUnitRange(9, 1), second);
        Assert.False(reader.IsDamaged);
    }

    [Fact]
    public void AnnexB_without_any_start_code_yields_nothing()
    {
        Assert.Empty(SplitAnnexB([0x67, 0x42, 0, 0, 0]));
        Assert.Empty(SplitAnnexB([]));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void Length_prefixed_input_splits_with_each_length_size(int lengthSize)
    {
        var data = new List<byte>();
        foreach (var nal in new[] { new byte[] { 0x67, 1, 2 }, [0x68], [0x65, 9, 9, 9] })
        {
            data.AddRange(new byte[lengthSize - 1]);
            data.Add((byte)nal.Length);
            data.AddRange(nal);
        }

        var nals = new List<string>();
        var reader = NalUnitReader.ForLengthPrefixed(data.ToArray(), lengthSize);
        foreach (var nal in reader)
        {
            nals.Add(Convert.ToHexString(nal));
        }

        Assert.Equal(["670102", "68", "65090909"], nals);
    }

    [Fact]
    public void Length_prefixed_input_with_a_length_past_the_end_is_reported_damaged_after_the_good_nals()
    {
        byte[] data = [0, 0, 0, 2, 0x67, 0xAA, 0, 0, 0, 9, 0x68, 0xBB];
        var reader = NalUnitReader.ForLengthPrefixed(data, 4);

        Assert.True(reader.TryReadNext(out var good));
        Assert.Equal(new NalUnitRange(4, 2), good);
        Assert.False(reader.TryReadNext(out _));
        Assert.True(reader.IsDamaged);
        Assert.False(reader.TryReadNext(out _));
    }

    [Fact]
    public void Length_prefixed_input_ending_inside_a_length_field_is_damaged()
    {
        var reader = NalUnitReader.ForLengthPrefixed([0, 0, 0, 1, 0x09, 0, 0], 4);

        Assert.True(reader.MoveNext());
        Assert.False(reader.MoveNext());
        Assert.True(reader.IsDamaged);
    }

    [Fact]
    public void Unsupported_length_sizes_are_rejected_up_front()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => NalUnitReader.ForLengthPrefixed([], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => NalUnitReader.ForLengthPrefixed([], 5));
    }

    [Fact]
    public void Random_input_never_throws_and_every_range_lies_inside_the_buffer()
    {
        var random = new Random(1234);
        for (var iteration = 0; iteration < 2000; iteration++)
        {
            var data = new byte[random.Next(0, 64)];
            random.NextBytes(data);
            for (var i = 0; i < data.Length; i++)
            {
                data[i] = random.Next(3) == 0 ? data[i] : (byte)random.Next(0, 3); // plenty of 00/01 runs
            }

            var annexB = NalUnitReader.ForAnnexB(data);
            while (annexB.TryReadNext(out var range))
            {
                Assert.InRange(range.Offset, 0, data.Length - 1);
                Assert.InRange(range.End, range.Offset + 1, data.Length);
            }

            foreach (var lengthSize in new[] { 1, 2, 4 })
            {
                var prefixed = NalUnitReader.ForLengthPrefixed(data, lengthSize);
                while (prefixed.TryReadNext(out var range))
                {
                    Assert.InRange(range.End, range.Offset + 1, data.Length);
                }
            }
        }
    }
}
