using System.Collections.Immutable;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using Spectre.Console;
using Vtr.Cli.Commands;
using Vtr.Cli.Embedded;
using Vtr.Cli.FileSafety;
using Vtr.Cli.Jobs;
using Vtr.Cli.Media;
using Vtr.Cli.Rendering;
using Vtr.Cli.Timing;
using Vtr.Shared.Cluster;
using Vtr.Shared.Media;
using Vtr.Shared.Security;

namespace Vtr.Cli.Segmenting;

/// <summary>
/// `vtr transcode` end to end, for one file or a batch: prepare every file (<see cref="PreparedFile"/>: output checks,
/// sample clip, probe, plan, resume), join or start one cluster, run all jobs on it at once
/// (<see cref="ClusterJobBatch"/>), then assemble, verify and measure each file. <see cref="RunAsync"/> throws the
/// <see cref="MediaException"/> family for input/output problems; <see cref="RunBatchAsync"/> reports those per file.
/// Both throw <see cref="ClusterUnreachableException"/> and <see cref="TranscodeFailedException"/> (no node for the
/// codec) for the cluster; a failed verification is reported in the outcome (the output is not written then).
/// </summary>
public sealed class TranscodeService(IAnsiConsole console, bool liveProgress)
{
    /// <summary>Temp files and spill folders of the run, for a forced exit to delete.</summary>
    public ScratchPaths Scratch { get; init; } = new();

    /// <summary>
    /// A segment finished or failed, with the progress after it: the same events the console shows as lines, for
    /// code that waits on them (raised on the progress listener's thread).
    /// </summary>
    public event EventHandler<ProgressSnapshot>? SegmentEvent;

    /// <summary>Where the run's stages add their wall time (`--timings` prints it).</summary>
    public StageTimer Timings { get; init; } = new();

    /// <summary>One file: <see cref="TranscodeRequest.InputPath"/> to <see cref="TranscodeRequest.OutputPath"/>.</summary>
    public async Task<TranscodeOutcome> RunAsync(TranscodeRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = (await RunBatchAsync(request, [new TranscodeFile(request.InputPath, request.OutputPath)], ct).ConfigureAwait(false))[0];
        if (result.Error is { } error)
        {
            ExceptionDispatchInfo.Throw(error);
        }

        return result.Outcome!; // a result without an error has an outcome (TranscodeFileResult's two cases)
    }

    /// <summary>
    /// Every file of <paramref name="files"/> with the settings of <paramref name="request"/> (its own input and output
    /// are ignored), on one cluster at once. A file that fails its own checks or its job fails alone: its result holds
    /// the error and the others go on.
    /// </summary>
    public async Task<ImmutableArray<TranscodeFileResult>> RunBatchAsync(TranscodeRequest request, IReadOnlyList<TranscodeFile> files, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(files);
        var results = new TranscodeFileResult?[files.Count];
        var prepared = new List<(int Slot, PreparedFile File)>();
        // The embedded cluster needs nothing from the files, so it starts while they are checked and probed; a farm is
        // joined only once a file is ready, so a bad file never waits for the network.
        var cluster = new PendingCluster(request.Seeds.IsEmpty ? () => StartClusterAsync(request, ct) : null);
        try
        {
            for (var i = 0; i < files.Count; i++)
            {
                try
                {
                    var fileRequest = request with { InputPath = files[i].InputPath, OutputPath = files[i].OutputPath };
                    prepared.Add((i, await PreparedFile.PrepareAsync(fileRequest, Scratch, Status, Timings, cluster.Start, ct).ConfigureAwait(false)));
                }
                catch (Exception ex) when (TranscodeFileResult.IsFileFailure(ex))
                {
                    results[i] = new TranscodeFileResult(files[i], null, ex);
                }
            }

            if (prepared.Count > 0)
            {
                var done = await EncodeAsync(request, [.. prepared.Select(p => p.File)], cluster, ct).ConfigureAwait(false);
                for (var k = 0; k < prepared.Count; k++)
                {
                    results[prepared[k].Slot] = done[k] with { File = files[prepared[k].Slot] };
                }
            }

            return [.. results.Select(r => r!)]; // every slot was set: by a failed preparation or by its job
        }
        finally
        {
            foreach (var (_, file) in prepared)
            {
                file.Dispose();
            }

            await cluster.DisposeUnusedAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Joins or starts the cluster and runs every file's job on it; files with nothing left to encode need no cluster.</summary>
    private async Task<ImmutableArray<TranscodeFileResult>> EncodeAsync(
        TranscodeRequest request, ImmutableArray<PreparedFile> files, PendingCluster pending, CancellationToken ct)
    {
        if (files.All(f => f.IsPlanned && f.Remaining.IsEmpty))
        {
            var finished = new List<TranscodeFileResult>(files.Length);
            foreach (var file in files)
            {
                finished.Add(await FinishAsync(file, new JobResult(file.JobId, true, null, ImmutableSortedDictionary<int, SegmentOutcome>.Empty), Stopwatch.StartNew(), null, ct).ConfigureAwait(false));
            }

            return [.. finished];
        }

        var cluster = await (pending.Take() ?? StartClusterAsync(request, ct)).ConfigureAwait(false);
        try
        {
            var families = await PlanForClusterAsync(request, cluster, files, ct).ConfigureAwait(false);
            return await RunJobsAsync(cluster, files, families, ct).ConfigureAwait(false);
        }
        finally
        {
            using (Timings.Measure(JobStage.ClusterShutdown))
            {
                await cluster.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Waits for an encoder of each codec (every embedded node), then cuts each file still waiting for its
    /// segment length for the sessions free at this moment; with --same-encoder, picks each codec's encoder family.</summary>
    private async Task<Dictionary<VideoCodec, string>> PlanForClusterAsync(
        TranscodeRequest request, ClusterConnection cluster, ImmutableArray<PreparedFile> files, CancellationToken ct)
    {
        var nodes = request.ExpectedNodes > 0 ? request.ExpectedNodes : request.Seeds.IsEmpty ? Math.Max(1, request.EmbeddedNodes) : 1;
        var families = new Dictionary<VideoCodec, string>();
        foreach (var codec in files.Select(f => f.Encode.Codec).Distinct())
        {
            ClusterStatus status;
            using (Timings.Measure(JobStage.ClusterStartUp))
            {
                status = await NodeAvailability.WaitForEncoderAsync(cluster.Coordinator, codec, request.JoinTimeout, nodes, ct).ConfigureAwait(false);
            }

            if (request.SameEncoder && EncoderFamilyChoice.Pick(status, codec) is { } family)
            {
                families[codec] = family;
                Status($"--same-encoder: {codec.ToWireName()} segments stay on '{family}' nodes");
            }

            var free = SegmentSizing.FreeSessions(status, codec.ToWireName());
            foreach (var file in files.Where(f => !f.IsPlanned && f.Encode.Codec == codec))
            {
                file.PlanForCluster(free, Status);
            }
        }

        return families;
    }

    private async Task<ImmutableArray<TranscodeFileResult>> RunJobsAsync(
        ClusterConnection cluster, ImmutableArray<PreparedFile> files, Dictionary<VideoCodec, string> families, CancellationToken ct)
    {
        var view = new ProgressView(console);
        Task<TranscodeFileResult> Finish(PreparedFile file, JobResult job, Stopwatch encode, SegmentReencoder reencode) => FinishAsync(file, job, encode, reencode, ct);
        if (!liveProgress)
        {
            return await ClusterJobBatch.RunAsync(cluster, files, families, Observed(new PlainProgressOutput(view)), Finish, ct).ConfigureAwait(false);
        }

        ImmutableArray<TranscodeFileResult> results = [];
        var empty = new TranscodeProgress(files.Sum(f => f.Remaining.Sum(p => p.FrameCount)), files.Sum(f => f.Remaining.Length)).Snapshot(TimeSpan.Zero);
        await console.Live(ProgressView.Build(empty)).AutoClear(false).StartAsync(async context =>
        {
            var output = Observed(new LiveProgressOutput(renderable => { context.UpdateTarget(renderable); context.Refresh(); }));
            results = await ClusterJobBatch.RunAsync(cluster, files, families, output, Finish, ct).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return results;
    }

    /// <summary>One file's output once its job ended; its own failures become its result, not the batch's.</summary>
    private static async Task<TranscodeFileResult> FinishAsync(PreparedFile file, JobResult job, Stopwatch encode, SegmentReencoder? reencode, CancellationToken ct)
    {
        try
        {
            return new TranscodeFileResult(new TranscodeFile(file.Input, file.OutputPath), await file.FinishAsync(job, encode, reencode, ct).ConfigureAwait(false), null);
        }
        catch (Exception ex) when (TranscodeFileResult.IsFileFailure(ex))
        {
            return new TranscodeFileResult(new TranscodeFile(file.Input, file.OutputPath), null, ex);
        }
    }

    /// <summary>Starts or joins the cluster, timed as <see cref="JobStage.ClusterStartUp"/> (which may overlap the probe).</summary>
    private async Task<ClusterConnection> StartClusterAsync(TranscodeRequest request, CancellationToken ct)
    {
        using var measure = Timings.Measure(JobStage.ClusterStartUp);
        return await ConnectAsync(request, ct).ConfigureAwait(false);
    }

    private async Task<ClusterConnection> ConnectAsync(TranscodeRequest request, CancellationToken ct)
    {
        if (!request.Seeds.IsEmpty)
        {
            if (!SeedList.TryParse(request.Seeds, out var seeds, out var bad))
            {
                throw new ClusterUnreachableException($"--seed '{bad}' is not HOST:PORT");
            }

            return await ClusterConnection.JoinAsync(seeds, request.JoinTimeout, line => console.MarkupLine(Markup.Escape(line)), ct, FarmCredentials.TryLoad()).ConfigureAwait(false);
        }

        var nodes = Math.Max(1, request.EmbeddedNodes);
        var sessions = request.EmbeddedSessionsPerNode > 0 ? request.EmbeddedSessionsPerNode : Math.Max(1, Environment.ProcessorCount / nodes);
        var options = new EmbeddedClusterOptions(nodes, sessions) { NodeBackends = request.EmbeddedNodeBackends, SegmentFarm = request.EmbeddedSegmentFarm };
        return await EmbeddedCluster.StartAsync(options, ct).ConfigureAwait(false);
    }

    private ObservedProgressOutput Observed(IProgressOutput output) => new(output, snapshot => SegmentEvent?.Invoke(this, snapshot));

    private void Status(string line)
    {
        if (!liveProgress)
        {
            console.Profile.Out.Writer.WriteLine(line);
        }
        else
        {
            console.MarkupLine(Markup.Escape(line));
        }
    }
}
