using System.Collections.Immutable;
using System.Diagnostics;
using Akka.Actor;
using Vtr.Cli.Embedded;
using Vtr.Cli.Jobs;
using Vtr.Cli.Media;
using Vtr.Cli.Rendering;
using Vtr.Shared.Cluster;
using Vtr.Shared.Media;

namespace Vtr.Cli.Segmenting;

/// <summary>
/// Runs the jobs of several <see cref="PreparedFile"/>s on one cluster at once: every job is submitted before any
/// finishes, so the coordinator's round-robin across jobs shares the nodes between the files; one progress listener
/// shows each file and the total. As each job ends, its file's <c>whenDone</c> starts at once (assembly and
/// verification overlap the other files' encodes); a file whose job fails affects no other.
/// </summary>
public static class ClusterJobBatch
{
    private const string ClientName = "vtr-transcode";

    /// <param name="families">The encoder family each output codec's jobs stay on (--same-encoder); absent = any node.</param>
    /// <returns>Each file's <paramref name="whenDone"/> result, in the order of <paramref name="files"/>.</returns>
    public static async Task<ImmutableArray<T>> RunAsync<T>(
        ClusterConnection cluster, IReadOnlyList<PreparedFile> files, IReadOnlyDictionary<VideoCodec, string> families, IProgressOutput output,
        Func<PreparedFile, JobResult, Stopwatch, SegmentReencoder, Task<T>> whenDone, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(whenDone);
        var system = cluster.System;
        var listener = system.ActorOf(files.Count == 1
            ? ProgressListener.Props(files[0].Remaining.Sum(p => p.FrameCount), files[0].Remaining.Length, output)
            : ProgressListener.Props(Targets(files), output));
        var jobs = new List<IActorRef>(files.Count);
        try
        {
            var runs = new List<Task<T>>(files.Count);
            foreach (var file in files)
            {
                var encode = Stopwatch.StartNew();
                var family = families.GetValueOrDefault(file.Encode.Codec);
                var job = file.Remaining.IsEmpty
                    ? Task.FromResult(new JobResult(file.JobId, true, null, ImmutableSortedDictionary<int, SegmentOutcome>.Empty))
                    : Submit(cluster, file, family, listener, jobs, ct);
                // After its job, a file may still re-encode a segment on this cluster (the --bitrate correction pass).
                SegmentReencoder reencode = (index, token) => ReencodeAsync(cluster, file, family, index, jobs, token);
                runs.Add(ThenAsync(job, result => whenDone(file, result, encode, reencode), ct));
            }

            return [.. await Task.WhenAll(runs).ConfigureAwait(false)];
        }
        finally
        {
            lock (jobs)
            {
                foreach (var job in jobs)
                {
                    job.Tell(PoisonPill.Instance);
                }
            }

            await listener.GracefulStop(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
    }

    /// <summary>Display rows: each file's name (two inputs may share one) with the work that is left of it.</summary>
    private static ImmutableArray<FileProgressTarget> Targets(IReadOnlyList<PreparedFile> files) =>
        [.. files.Select(f => new FileProgressTarget(f.JobId, Path.GetFileName(f.Input), f.Remaining.Sum(p => p.FrameCount), f.Remaining.Length))];

    private static Task<JobResult> Submit(
        ClusterConnection cluster, PreparedFile file, string? family, IActorRef listener, List<IActorRef> jobs, CancellationToken ct)
    {
        if (!file.QualityCheck)
        {
            return StartJob(cluster, file, new SubmitJob(file.JobId, ClientName, "", "", [], family), file.Remaining,
                new Vtr1SegmentRunner(file.Info, file.Plans, file.Encode, file.Store, listener) { Farm = cluster.Farm, BitrateSteering = file.BitrateSteering }, listener, jobs);
        }

        // The per-segment check runs beside the job; its re-encodes are one-segment jobs of their own on the same cluster.
        var gate = file.OpenQualityGate((index, token) => ReencodeAsync(cluster, file, family, index, jobs, token), ct);
        var runner = new Vtr1SegmentRunner(file.Info, file.Plans, file.Encode with { MeasureQuality = true }, gate.Accept, listener)
        {
            Policy = gate.Policy,
            Farm = cluster.Farm,
            BitrateSteering = file.BitrateSteering,
        };
        return StartJob(cluster, file, new SubmitJob(file.JobId, ClientName, "", "", [], family), file.Remaining, runner, listener, jobs);
    }

    /// <summary>One segment once more, as a job of its own (so the coordinator picks the node and the attempt never
    /// races the file's job for its result), measured by its node when the per-segment check is on; progress is not
    /// shown, the quality and bitrate lines report it.</summary>
    private static async Task<(EncodedSegment Segment, double Offset)?> ReencodeAsync(
        ClusterConnection cluster, PreparedFile file, string? family, int index, List<IActorRef> jobs, CancellationToken ct)
    {
        (EncodedSegment, double)? attempt = null;
        var runner = new Vtr1SegmentRunner(
            file.Info, file.Plans, file.Encode with { MeasureQuality = file.QualityCheck }, (segment, offset) => attempt = (segment, offset), ActorRefs.Nobody)
        {
            Policy = file.QualityCheck ? file.OpenQualityGate(static (_, _) => Task.FromResult<(EncodedSegment, double)?>(null), ct).Policy : null,
            Farm = cluster.Farm,
            BitrateSteering = file.BitrateSteering,
        };
        var result = await StartJob(cluster, file, new SubmitJob(JobId.New("vtr-retry"), ClientName, "", "", [], family), [file.Plans[index]], runner, ActorRefs.Nobody, jobs).WaitAsync(ct).ConfigureAwait(false);
        return result.Succeeded ? attempt : null;
    }

    private static Task<JobResult> StartJob(
        ClusterConnection cluster, PreparedFile file, SubmitJob submission, IReadOnlyList<SegmentPlan> plans, Vtr1SegmentRunner runner,
        IActorRef listener, List<IActorRef> jobs)
    {
        // Each file's own settings: the output codec and bit depth follow its source when the user left them open.
        var specs = plans.Select(p => new SegmentSpec(p.Index, p.StartPts, p.EndPts, p.FrameCount)).ToImmutableArray();
        var submit = submission with { Codec = file.Encode.Codec.ToWireName(), SourceCodec = file.Info.VideoCodec.ToWireName(), Segments = specs };
        var completion = new TaskCompletionSource<JobResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var actor = cluster.System.ActorOf(TranscodeJobActor.Props(submit, cluster.Coordinator, cluster.Mediator, runner, listener, completion));
        lock (jobs)
        {
            jobs.Add(actor);
        }

        return completion.Task;
    }

    private static async Task<T> ThenAsync<T>(Task<JobResult> job, Func<JobResult, Task<T>> next, CancellationToken ct) =>
        await next(await job.WaitAsync(ct).ConfigureAwait(false)).ConfigureAwait(false);
}
