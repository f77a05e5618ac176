using Vtr.Node.Membership;

namespace Vtr.Node.MacEncoder.Tests.Membership;

public sealed class ThroughputWindowTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Frames_per_second_over_the_window()
    {
        var window = new ThroughputWindow(TimeSpan.FromSeconds(5));
        Assert.Equal(0, window.Sample(Start, 0));
        Assert.Equal(60, window.Sample(Start.AddSeconds(1), 60));
        Assert.Equal(60, window.Sample(Start.AddSeconds(2), 120));
    }

    [Fact]
    public void An_idle_node_falls_to_zero_once_its_busy_seconds_leave_the_window()
    {
        var window = new ThroughputWindow(TimeSpan.FromSeconds(3));
        window.Sample(Start, 0);
        window.Sample(Start.AddSeconds(1), 100);
        for (var second = 2; second <= 6; second++)
        {
            window.Sample(Start.AddSeconds(second), 100);
        }

        Assert.Equal(0, window.Sample(Start.AddSeconds(7), 100));
    }
}
