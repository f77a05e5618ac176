using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using Akka.Actor;
using Spectre.Console;
using Vtr.Cli.Commands;
using Vtr.Cli.Embedded;
using Vtr.Cli.FileSafety;
using Vtr.Cli.Jobs;
using Vtr.Cli.Media;
using Vtr.Cli.Rendering;
using Vtr.Cli.Resume;
using Vtr.Shared.Cluster;
using Vtr.Shared.Media;

namespace Vtr.Cli.Segmenting;

/// <summary>
/// `vtr transcode` end to end: (sample clip,) probe, plan, join or start the cluster, run the job with
/// <see cref="TranscodeJobActor"/> + <see cref="Vtr1SegmentRunner"/>, assemble, verify, measure PSNR per segment. Throws the
/// <see cref="MediaException"/> family for input/output problems, <see cref="ClusterUnreachableException"/> and
/// <see cref="TranscodeFailedException"/> for the cluster; a failed verification is reported in the outcome (the
/// output is deleted then).
/// </summary>
public sealed class TranscodeService(IAnsiConsole console, bool liveProgress)
{
    /// <summary>The node of a segment encoded by an earlier run and taken from the resume journal.</summary>
    private static readonly NodeId ResumedNode = new("resumed");

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
            request = request with { Encode = OutputFormatChoice.Resolve(request.Encode, info) };
            Status($"{input}: {info.VideoCodec.ToWireName()} {info.Width}x{info.Height}, {info.FrameCount} frames, {plans.Length} segments");

            // A generated sample is new every run, so only a real input gets a resume journal.
            var journal = sampleDirectory is null ? OpenJournal(input, request, plans.Length) : null;
            using var store = journal is null ? new SegmentResultStore() : new SegmentResultStore(journal.DirectoryPath, deleteOnDispose: false);
            if (journal is null)
            {
                Scratch.Track(store.DirectoryPath);
            }
            else if (store.Load(plans) is > 0 and var resumed)
            {
                Status($"resuming: {resumed} of {plans.Length} segments done");
            }

            var remaining = plans.Where(p => !store.Contains(p.Index)).ToImmutableArray();
            var encode = Stopwatch.StartNew();
            var job = remaining.IsEmpty
                ? new JobResult(JobId.New("vtr"), true, null, ImmutableSortedDictionary<int, SegmentOutcome>.Empty)
                : await EncodeAsync(request, info, plans, remaining, store, ct).ConfigureAwait(false);
            if (!job.Succeeded)
            {
                throw new TranscodeFailedException($"the cluster could not finish the job: {job.FailureReason} (run the same command again to retry the rest)");
            }

            var segments = plans.Select(p => store.Header(p.Index)).ToList();
            OutputAssembler.Write(target.TempPath, info, request.Encode.Codec, segments, header => store.Get(header.Index));
            encode.Stop();
            var report = await OutputVerifier.VerifyAsync(input, target.TempPath, ct).ConfigureAwait(false);
            if (!report.Passed)
            {
                // The segments made a bad output, so the next run starts afresh.
                journal?.Delete();
                return new TranscodeOutcome(input, request.OutputPath, report, job, info.FrameCount, encode.Elapsed, total.Elapsed);
            }

            // Only a verified output has frames that line up one to one with the source, which per-segment PSNR needs.
            var frameMse = await FramePsnrProbe.MeasureAsync(target.TempPath, input, ct).ConfigureAwait(false);
            var quality = SegmentQualityReport.Build(
                frameMse,
                [.. plans.Select(p => (p.Index, job.Segments.TryGetValue(p.Index, out var done) ? done.NodeId : ResumedNode, p.FrameCount))],
                info.BitDepth);
            target.Commit();
            journal?.Delete();
            return new TranscodeOutcome(input, request.OutputPath, report, job, info.FrameCount, encode.Elapsed, total.Elapsed) { Quality = quality };
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

    /// <summary>The journal of this input and these settings, pruning stale ones; emptied first for --no-resume.</summary>
    private static ResumeJournal OpenJournal(string input, TranscodeRequest request, int segmentCount)
    {
        var cache = CacheFolder.ForUser();
        ResumeJournal.Prune(cache, DateTime.UtcNow);
        // Token, wire compression and transport change how segments travel, not what they contain.
        var encode = request.Encode with { Token = "", Compression = WireCompression.Lz4, Transport = TransportChoice.Auto };
        var settings = string.Create(CultureInfo.InvariantCulture, $"{encode} segment-seconds={request.SegmentSeconds:R} segments={segmentCount}");
        var journal = ResumeJournal.Open(cache, InputFingerprint.Of(input), settings);
        if (!request.Resume)
        {
            journal.Delete();
            journal = ResumeJournal.Open(cache, InputFingerprint.Of(input), settings);
        }

        return journal;
    }

    /// <summary>Joins or starts the cluster and encodes <paramref name="remaining"/> into <paramref name="store"/>.</summary>
    private async Task<JobResult> EncodeAsync(
        TranscodeRequest request, MediaInfo info, ImmutableArray<SegmentPlan> plans, ImmutableArray<SegmentPlan> remaining,
        SegmentResultStore store, CancellationToken ct)
    {
        await using var cluster = await ConnectAsync(request, ct).ConfigureAwait(false);
        await NodeAvailability.WaitForEncoderAsync(cluster.Coordinator, request.Encode.Codec, request.JoinTimeout, ct).ConfigureAwait(false);
        return await RunJobAsync(cluster, info, plans, remaining, request.Encode, store, ct).ConfigureAwait(false);
    }

    private async Task<ClusterConnection> ConnectAsync(TranscodeRequest request, CancellationToken ct)
    {
        if (!request.Seeds.IsEmpty)
        {
            if (!SeedList.TryParse(request.Seeds, out var seeds, out var bad))
            {
                throw new ClusterUnreachableException($"--seed '{bad}' is not HOST:PORT");
            }

            return await ClusterConnection.JoinAsync(seeds, request.JoinTimeout, line => console.MarkupLine(Markup.Escape(line)), ct).ConfigureAwait(false);
        }

        var nodes = Math.Max(1, request.EmbeddedNodes);
        var sessions = request.EmbeddedSessionsPerNode > 0 ? request.EmbeddedSessionsPerNode : Math.Max(1, Environment.ProcessorCount / nodes);
        var options = new EmbeddedClusterOptions(nodes, sessions) { NodeBackends = request.EmbeddedNodeBackends };
        return await EmbeddedCluster.StartAsync(options, ct).ConfigureAwait(false);
    }

    private async Task<JobResult> RunJobAsync(
        ClusterConnection cluster, MediaInfo info, ImmutableArray<SegmentPlan> plans, ImmutableArray<SegmentPlan> remaining,
        SegmentEncodeSettings settings, SegmentResultStore store, CancellationToken ct)
    {
        var view = new ProgressView(console);
        if (!liveProgress)
        {
            return await RunJobAsync(cluster, info, plans, remaining, settings, store, new PlainProgressOutput(view), ct).ConfigureAwait(false);
        }

        JobResult? result = null;
        var empty = new TranscodeProgress(remaining.Sum(p => p.FrameCount), remaining.Length).Snapshot(TimeSpan.Zero);
        await console.Live(ProgressView.Build(empty)).AutoClear(false).StartAsync(async context =>
        {
            var output = new LiveProgressOutput(renderable => { context.UpdateTarget(renderable); context.Refresh(); });
            result = await RunJobAsync(cluster, info, plans, remaining, settings, store, output, ct).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return result!; // set by the live callback, which StartAsync awaited
    }

    /// <param name="plans">Every segment (the runner looks leases up by index).</param>
    /// <param name="remaining">The segments to encode: those no earlier run left in the store.</param>
    private static async Task<JobResult> RunJobAsync(
        ClusterConnection cluster, MediaInfo info, ImmutableArray<SegmentPlan> plans, ImmutableArray<SegmentPlan> remaining,
        SegmentEncodeSettings settings, SegmentResultStore store, IProgressOutput output, CancellationToken ct)
    {
        var system = cluster.System;
        var listener = system.ActorOf(ProgressListener.Props(remaining.Sum(p => p.FrameCount), remaining.Length, output));
        var runner = new Vtr1SegmentRunner(info, plans, settings, store, listener);
        var specs = remaining.Select(p => new SegmentSpec(p.Index, p.StartPts, p.EndPts, p.FrameCount)).ToImmutableArray();
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
