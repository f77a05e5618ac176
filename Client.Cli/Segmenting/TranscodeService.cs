using System.Collections.Immutable;
using System.Diagnostics;
using Akka.Actor;
using Spectre.Console;
using Vtr.Cli.Embedded;
using Vtr.Cli.FileSafety;
using Vtr.Cli.Jobs;
using Vtr.Cli.Media;
using Vtr.Cli.Rendering;
using Vtr.Shared.Cluster;
using Vtr.Shared.Media;

namespace Vtr.Cli.Segmenting;

/// <summary>
/// `vtr transcode` end to end: (sample clip,) probe, plan, join or start the cluster, run the job with
/// <see cref="TranscodeJobActor"/> + <see cref="Vtr1SegmentRunner"/>, assemble, verify. Throws the
/// <see cref="MediaException"/> family for input/output problems, <see cref="ClusterUnreachableException"/> and
/// <see cref="TranscodeFailedException"/> for the cluster; a failed verification is reported in the outcome (the
/// output is deleted then).
/// </summary>
public sealed class TranscodeService(IAnsiConsole console, bool liveProgress)
{
    private const string ClientName = "vtr-transcode";

    /// <summary>Temp files and spill folders of the run, for a forced exit to delete.</summary>
    public ScratchPaths Scratch { get; init; } = new();

    public async Task<TranscodeOutcome> RunAsync(TranscodeRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var total = Stopwatch.StartNew();
        OutputContainer.MuxerFor(request.OutputPath); // reject the output extension before any work
        if (request.InputPath is { } given && !File.Exists(given))
        {
            throw new MediaOpenException($"'{given}' does not exist.");
        }

        // Every check on the output happens here, before any work; from now on only the temp file beside it is written.
        using var target = OutputTarget.Reserve(request.InputPath, request.OutputPath, request.Overwrite, Scratch);
        string? sampleDirectory = null;
        try
        {
            var input = request.InputPath;
            if (input is null)
            {
                sampleDirectory = Directory.CreateTempSubdirectory("vtr-sample-").FullName;
                Scratch.Track(sampleDirectory);
                input = Path.Combine(sampleDirectory, "sample.mp4");
                Status($"no input given: generating a sample clip ({input})");
                await SampleClipGenerator.CreateAsync(input, new SampleClipOptions(), ct).ConfigureAwait(false);
            }

            var info = MediaProbe.Probe(input);
            var plans = SegmentPlanner.Plan(info, request.SegmentSeconds);
            Status($"{input}: {info.VideoCodec.ToWireName()} {info.Width}x{info.Height}, {info.FrameCount} frames, {plans.Length} segments");
            await using var cluster = await ConnectAsync(request, ct).ConfigureAwait(false);
            await NodeAvailability.WaitForEncoderAsync(cluster.Coordinator, request.Encode.Codec, request.JoinTimeout, ct).ConfigureAwait(false);

            var encode = Stopwatch.StartNew();
            using var store = new SegmentResultStore();
            Scratch.Track(store.DirectoryPath);
            var job = await RunJobAsync(cluster, info, plans, request.Encode, store, ct).ConfigureAwait(false);
            if (!job.Succeeded)
            {
                throw new TranscodeFailedException($"the cluster could not finish the job: {job.FailureReason}");
            }

            var segments = job.Segments.Values.Select(s => store.Header(s.LeaseId)).ToList();
            OutputAssembler.Write(target.TempPath, info, request.Encode.Codec, segments, header => store.Get(header.LeaseId));
            encode.Stop();
            var report = await OutputVerifier.VerifyAsync(input, target.TempPath, ct).ConfigureAwait(false);
            if (report.Passed)
            {
                target.Commit();
            }

            return new TranscodeOutcome(input, request.OutputPath, report, job, info.FrameCount, encode.Elapsed, total.Elapsed);
        }
        finally
        {
            if (sampleDirectory is not null)
            {
                Directory.Delete(sampleDirectory, recursive: true);
                Scratch.Release(sampleDirectory);
            }
        }
    }

    private static async Task<ClusterConnection> ConnectAsync(TranscodeRequest request, CancellationToken ct)
    {
        if (!request.Seeds.IsEmpty)
        {
            return await ClusterConnection.JoinAsync(request.Seeds, request.JoinTimeout, ct).ConfigureAwait(false);
        }

        var nodes = Math.Max(1, request.EmbeddedNodes);
        var sessions = request.EmbeddedSessionsPerNode > 0 ? request.EmbeddedSessionsPerNode : Math.Max(1, Environment.ProcessorCount / nodes);
        var options = new EmbeddedClusterOptions(nodes, sessions) { NodeBackends = request.EmbeddedNodeBackends };
        return await EmbeddedCluster.StartAsync(options, ct).ConfigureAwait(false);
    }

    private async Task<JobResult> RunJobAsync(
        ClusterConnection cluster, MediaInfo info, ImmutableArray<SegmentPlan> plans, SegmentEncodeSettings settings,
        SegmentResultStore store, CancellationToken ct)
    {
        var view = new ProgressView(console);
        if (!liveProgress)
        {
            return await RunJobAsync(cluster, info, plans, settings, store, new PlainProgressOutput(view), ct).ConfigureAwait(false);
        }

        JobResult? result = null;
        var empty = new TranscodeProgress(info.FrameCount, plans.Length).Snapshot(TimeSpan.Zero);
        await console.Live(ProgressView.Build(empty)).AutoClear(false).StartAsync(async context =>
        {
            var output = new LiveProgressOutput(renderable => { context.UpdateTarget(renderable); context.Refresh(); });
            result = await RunJobAsync(cluster, info, plans, settings, store, output, ct).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return result!; // set by the live callback, which StartAsync awaited
    }

    private static async Task<JobResult> RunJobAsync(
        ClusterConnection cluster, MediaInfo info, ImmutableArray<SegmentPlan> plans, SegmentEncodeSettings settings,
        SegmentResultStore store, IProgressOutput output, CancellationToken ct)
    {
        var system = cluster.System;
        var listener = system.ActorOf(ProgressListener.Props(info.FrameCount, plans.Length, output));
        var runner = new Vtr1SegmentRunner(info, plans, settings, store, listener);
        var specs = plans.Select(p => new SegmentSpec(p.Index, p.StartPts, p.EndPts, p.FrameCount)).ToImmutableArray();
        var submit = new SubmitJob(JobId.New("vtr"), ClientName, settings.Codec.ToWireName(), info.VideoCodec.ToWireName(), specs);
        var completion = new TaskCompletionSource<JobResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var job = system.ActorOf(TranscodeJobActor.Props(submit, cluster.Coordinator, cluster.Mediator, runner, listener, completion));
        try
        {
            return await completion.Task.WaitAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            job.Tell(PoisonPill.Instance);
            await listener.GracefulStop(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
    }

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
