using Akka.Actor;
using Vtr.Node.Sessions;

namespace Vtr.Node.Membership;

/// <summary>Samples the node's <see cref="FrameMeter"/> every second and tells the announcer the speed when it changed.</summary>
public sealed class SpeedSampler : ReceiveActor, IWithTimers
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(5);

    private readonly ThroughputWindow _window = new(Window);
    private double _lastFps = -1;

    public SpeedSampler(FrameMeter meter, IActorRef announcer, TimeProvider clock)
    {
        Receive<Tick>(_ =>
        {
            var fps = Math.Round(_window.Sample(clock.GetUtcNow(), meter.Total), 1);
            if (Math.Abs(fps - _lastFps) >= 0.1)
            {
                _lastFps = fps;
                announcer.Tell(new SpeedMeasured(fps));
            }
        });
    }

    public ITimerScheduler Timers { get; set; } = null!; // Set by Akka before PreStart.

    public static Props Props(FrameMeter meter, IActorRef announcer, TimeProvider? clock = null) =>
        Akka.Actor.Props.Create(() => new SpeedSampler(meter, announcer, clock ?? TimeProvider.System));

    protected override void PreStart() => Timers.StartPeriodicTimer(nameof(Tick), Tick.Instance, Period);

    private sealed record Tick
    {
        public static readonly Tick Instance = new();
    }
}
