namespace Vtr.Cli.Timing;

/// <summary>The stages of one `vtr transcode`, in the order they run (printed by --timings).</summary>
public enum JobStage
{
    /// <summary>Process start (as the kernel recorded it) to the command's first line of work: runtime, JIT, parsing.</summary>
    ProcessStartUp,

    /// <summary>Starting the embedded cluster (alongside the probe) or joining --seed, until the nodes are registered.</summary>
    ClusterStartUp,

    /// <summary>Reading the input's streams and every video packet's timestamps (one libavformat pass).</summary>
    Probe,

    /// <summary>Cutting the probed packets into keyframe-aligned segments and opening the resume journal.</summary>
    SegmentPlan,

    /// <summary>Submit to the last segment stored: the nodes' work as the client sees it.</summary>
    Encode,

    /// <summary>Checking each segment as it arrives (overlaps <see cref="Encode"/>; summed over segments).</summary>
    SegmentCheck,

    /// <summary>Muxing the stored segments and the copied streams into the output.</summary>
    Assembly,

    /// <summary>The output check against the source (frame count, timestamps, decode, copied streams).</summary>
    FinalCheck,

    /// <summary>Leaving the cluster (and stopping the embedded one).</summary>
    ClusterShutdown,
}
