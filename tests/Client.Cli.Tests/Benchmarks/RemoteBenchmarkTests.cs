using Spectre.Console.Testing;
using Vtr.Cli.Benchmarks;
using Vtr.Node.Codecs.FFmpeg;
using Vtr.Shared.Media;

namespace Vtr.Client.Cli.Tests.Benchmarks;

/// <summary>A tiny `vtr bench remote` end to end: real x264, a real node on loopback. Never asserts timings.</summary>
public sealed class RemoteBenchmarkTests
{
    private static readonly RemoteBenchOptions Tiny = new()
    {
        Frames = 20,
        Width = 320,
        Height = 240,
        Preset = "ultrafast",
        WarmupFrames = 2,
    };

    [BackendFact]
    public async Task A_tiny_run_reports_every_mode_with_positive_fps_and_one_packet_per_frame()
    {
        var backend = new FFmpegBackend(new FFmpegBackendOptions(Tiny.Preset));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var report = await RemoteBenchmark.RunAsync(Tiny, backend, _ => { }, timeout.Token);

        var rows = report.Rows();
        Assert.Equal(["local", "remote none", "remote lz4", "remote zstd"], rows.Select(row => row.Mode));
        Assert.All(rows, row => Assert.True(row.Fps > 0, $"{row.Mode} fps {row.Fps}"));
        Assert.All(report.Remote, run => Assert.Equal(Tiny.Frames, run.Packets));
        Assert.Equal(Tiny.Frames, report.Local.Packets);
        Assert.Null(rows[0].MedianRoundRatio);
        Assert.All(rows.Skip(1), row => Assert.True(row.MedianRoundRatio > 0, $"{row.Mode} median ratio {row.MedianRoundRatio}"));
    }

    [Fact]
    public void Median_takes_the_middle_value_or_the_mean_of_the_middle_two()
    {
        Assert.Equal(0.95, RemoteBenchmark.Median([1.0, 0.95, 0.9]));
        Assert.Equal(0.925, RemoteBenchmark.Median([0.9, 1.0, 0.95, 0.8]), 9);
    }

    [BackendFact]
    public async Task Compressed_rows_carry_a_ratio_and_wire_bytes_shrink_only_when_the_ratio_is_above_one()
    {
        var backend = new FFmpegBackend(new FFmpegBackendOptions(Tiny.Preset));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var report = await RemoteBenchmark.RunAsync(Tiny with { Compressions = [WireCompression.None, WireCompression.Zstd] },
            backend, _ => { }, timeout.Token);

        var rows = report.Rows();
        Assert.Null(rows[1].CompressionRatio);
        Assert.True(rows[2].CompressionRatio > 1.0);
        Assert.True(rows[2].WireBytesPerFrame < rows[1].WireBytesPerFrame);
    }

    [BackendFact]
    public async Task The_table_shows_every_mode()
    {
        var backend = new FFmpegBackend(new FFmpegBackendOptions(Tiny.Preset));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var report = await RemoteBenchmark.RunAsync(Tiny, backend, _ => { }, timeout.Token);
        var console = new TestConsole().Width(140);

        console.Write(RemoteBenchTable.Render(report));

        Assert.Contains("remote none", console.Output, StringComparison.Ordinal);
        Assert.Contains("remote lz4", console.Output, StringComparison.Ordinal);
        Assert.Contains("remote zstd", console.Output, StringComparison.Ordinal);
        Assert.Contains("Mbit/s", console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Compression_lists_parse_names_and_reject_unknown_ones()
    {
        Assert.True(CompressionNames.TryParseList("none, LZ4,zstd,lz4", out var parsed, out _));
        Assert.Equal([WireCompression.None, WireCompression.Lz4, WireCompression.Zstd], parsed);
        Assert.False(CompressionNames.TryParseList("none,brotli", out _, out var bad));
        Assert.Equal("brotli", bad);
    }

    [Fact]
    public void Every_picture_of_the_scene_is_deterministic_and_stays_in_video_range()
    {
        var scene = new CameraScene(64, 48, 10);
        var first = new byte[scene.LumaBytes + scene.ChromaBytes];
        var again = new byte[first.Length];

        scene.Render(3, first.AsSpan(0, scene.LumaBytes), first.AsSpan(scene.LumaBytes));
        scene.Render(3, again.AsSpan(0, scene.LumaBytes), again.AsSpan(scene.LumaBytes));

        Assert.Equal(first, again);
        for (var y = 0; y < scene.Height; y++)
        {
            Assert.All(first.AsSpan(y * scene.Stride, scene.Width).ToArray(), sample => Assert.InRange(sample, (byte)16, (byte)240));
        }
    }
}
