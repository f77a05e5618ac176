using System.Collections.Immutable;
using System.Diagnostics;
using Akka.Actor;
using Vtr.Cli.Embedded;
using Vtr.Cli.Jobs;
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

    /// <returns>Each file's <paramref name="whenDone"/> result, in the order of <paramref name="files"/>.</returns>
    public static async Task<ImmutableArray<T>> RunAsync<T>(
        ClusterConnection cluster, IReadOnlyList<PreparedFile> files, IProgressOutput output,
        Func<PreparedFile, JobResult, Stopwatch, Task<T>> whenDone, CancellationToken ct)
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
                var job = file.Remaining.IsEmpty
                    ? Task.FromResult(new JobResult(file.JobId, true, null, ImmutableSortedDictionary<int, SegmentOutcome>.Empty))
                    : Submit(cluster, file, listener, jobs);
                runs.Add(ThenAsync(job, result => whenDone(file, result, encode), ct));
            }

            return [.. await Task.WhenAll(runs).ConfigureAwait(false)];
        }
        finally
        {
            foreach (var job in jobs)
            {
                job.Tell(PoisonPill.Instance);
            }

            await listener.GracefulStop(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
    }

    /// <summary>Display rows: each file's name (two inputs may share one) with the work that is left of it.</summary>
    private static ImmutableArray<FileProgressTarget> Targets(IReadOnlyList<PreparedFile> files) =>
        [.. files.Select(f => new FileProgressTarget(f.JobId, Path.GetFileName(f.Input), f.Remaining.Sum(p => p.FrameCount), f.Remaining.Length))];

    private static Task<JobResult> Submit(
        ClusterConnection cluster, PreparedFile file, IActorRef listener, List<IActorRef> jobs)
    {
        // Each file's own settings: the output codec and bit depth follow its source when the user left them open.
        var settings = file.Encode;
        var runner = new Vtr1SegmentRunner(file.Info, file.Plans, settings, file.Store, listener) { Farm = cluster.Farm };
        var specs = file.Remaining.Select(p => new SegmentSpec(p.Index, p.StartPts, p.EndPts, p.FrameCount)).ToImmutableArray();
        var submit = new SubmitJob(file.JobId, ClientName, settings.Codec.ToWireName(), file.Info.VideoCodec.ToWireName(), specs);
        var completion = new TaskCompletionSource<JobResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        jobs.Add(cluster.System.ActorOf(TranscodeJobActor.Props(submit, cluster.Coordinator, cluster.Mediator, runner, listener, completion)));
        return completion.Task;
    }

    private static async Task<T> ThenAsync<T>(Task<JobResult> job, Func<JobResult, Task<T>> next, CancellationToken ct) =>
        await next(await job.WaitAsync(ct).ConfigureAwait(false)).ConfigureAwait(false);
}
