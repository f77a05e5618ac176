using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using Vtr.Cli.FileSafety;
using Vtr.Cli.Jobs;
using Vtr.Cli.Media;
using Vtr.Cli.Resume;
using Vtr.Cli.Timing;
using Vtr.Shared.Bitstream;
using Vtr.Shared.Cluster;
using Vtr.Shared.Media;

namespace Vtr.Cli.Segmenting;

/// <summary>
/// One input of a `vtr transcode` between its checks and its output: <see cref="PrepareAsync"/> runs every check that
/// needs no cluster (output extension, input present, <see cref="OutputTarget"/>, probe, plan, resume journal), and
/// <see cref="FinishAsync"/> turns its job's segments into the verified output. Each file of a batch has its own, so
/// one bad file fails alone. Disposing deletes what an unfinished file leaves (temp output, sample clip, spill folder).
/// </summary>
public sealed class PreparedFile : IDisposable
{
    private readonly TranscodeRequest _request;
    private readonly OutputTarget _target;
    private readonly ScratchPaths _scratch;
    private readonly string? _sampleDirectory;
    private readonly ResumeJournal? _journal;
    private readonly Stopwatch _total;
    private readonly StageTimer _timer;
    private SegmentQualityGate? _quality;

    private PreparedFile(
        TranscodeRequest request, OutputTarget target, ScratchPaths scratch, string? sampleDirectory, string input, MediaInfo info,
        ResumeJournal? journal, Stopwatch total, StageTimer timer)
    {
        _request = request;
        _target = target;
        _scratch = scratch;
        _sampleDirectory = sampleDirectory;
        _journal = journal;
        _total = total;
        _timer = timer;
        Input = input;
        Info = info;
        Store = journal is null ? new SegmentResultStore() : new SegmentResultStore(journal.DirectoryPath, deleteOnDispose: false);
        if (journal is null)
        {
            scratch.Track(Store.DirectoryPath);
        }

        JobId = JobId.New("vtr");
    }

    /// <summary>The input file (the generated sample when the request has none).</summary>
    public string Input { get; }

    public string OutputPath => _request.OutputPath;

    public MediaInfo Info { get; }

    /// <summary>What this file's segments are encoded with, the output codec and bit depth resolved against its source.</summary>
    public SegmentEncodeSettings Encode => _request.Encode;

    /// <summary>Empty until <see cref="IsPlanned"/>.</summary>
    public ImmutableArray<SegmentPlan> Plans { get; private set; } = [];

    /// <summary>The segments still to encode: those no earlier run left in the store.</summary>
    public ImmutableArray<SegmentPlan> Remaining { get; private set; } = [];

    /// <summary>False while the segment length waits for the cluster (the default: <see cref="SegmentSizing"/>).</summary>
    public bool IsPlanned { get; private set; }

    public SegmentResultStore Store { get; }

    /// <summary>
    /// The whole-file rate control of a --bitrate job (<see cref="SegmentBitrateSteering"/>), made when the segments are
    /// planned, with what a stopped run already stored counted as spent; null in quality mode and before planning.
    /// </summary>
    public SegmentBitrateSteering? BitrateSteering { get; private set; }

    /// <summary>The job this file's segments are submitted under.</summary>
    public JobId JobId { get; }

    /// <summary>Checks the output, generates the sample when there is no input, probes and opens the journal; plans the
    /// segments too when their length is known without the cluster (--segment-seconds, or recorded by a stopped run).
    /// Throws the <see cref="MediaException"/> family or <see cref="OutputRefusedException"/> with nothing left behind.</summary>
    public static async Task<PreparedFile> PrepareAsync(
        TranscodeRequest request, ScratchPaths scratch, Action<string> status, StageTimer timer, Action outputReserved, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(scratch);
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(timer);
        ArgumentNullException.ThrowIfNull(outputReserved);
        var total = Stopwatch.StartNew();
        OutputContainer.MuxerFor(request.OutputPath); // reject the output extension before any work
        if (request.InputPath is { } given && !File.Exists(given))
        {
            throw new MediaOpenException($"'{given}' does not exist.");
        }

        // Every check on the output happens here, before any work; from now on only the temp file beside it is written.
        var target = OutputTarget.Reserve(request.InputPath, request.OutputPath, request.Overwrite, scratch);
        outputReserved();
        string? sampleDirectory = null;
        PreparedFile? file = null;
        try
        {
            var input = request.InputPath;
            if (input is null)
            {
                sampleDirectory = Directory.CreateTempSubdirectory("vtr-sample-").FullName;
                scratch.Track(sampleDirectory);
                input = Path.Combine(sampleDirectory, "sample.mp4");
                status($"no input given: generating a sample clip ({input})");
                await SampleClipGenerator.CreateAsync(input, new SampleClipOptions(), ct).ConfigureAwait(false);
            }

            MediaInfo info;
            using (timer.Measure(JobStage.Probe))
            {
                info = MediaProbe.Probe(input);
            }

            request = request with { Encode = OutputFormatChoice.Resolve(request.Encode, info) };
            // A generated sample is new every run, so only a real input gets a resume journal.
            var journal = sampleDirectory is null ? OpenJournal(input, request) : null;
            file = new PreparedFile(request, target, scratch, sampleDirectory, input, info, journal, total, timer);
            if ((request.SegmentSeconds ?? journal?.RecordedSegmentSeconds()) is { } seconds)
            {
                using var measure = timer.Measure(JobStage.SegmentPlan);
                file.Plan(seconds, SegmentPlanner.Plan(info, seconds), status);
            }

            return file;
        }
        catch
        {
            if (file is not null)
            {
                file.Dispose();
            }
            else
            {
                DeleteSample(sampleDirectory, scratch);
                target.Dispose();
            }

            throw;
        }
    }

    /// <summary>Cuts the segments for a cluster with <paramref name="freeSessions"/> free sessions (<see cref="SegmentSizing"/>)
    /// and records the length in the journal, so a resumed run cuts the same ones.</summary>
    public void PlanForCluster(int freeSessions, Action<string> status)
    {
        ArgumentNullException.ThrowIfNull(status);
        using var measure = _timer.Measure(JobStage.SegmentPlan);
        var (seconds, plans) = SegmentSizing.PlanForCluster(Info, freeSessions, bitrateMode: Encode.Bitrate is not null);
        _journal?.RecordSegmentSeconds(seconds);
        Plan(seconds, plans, status);
    }

    private SegmentBitrateSteering Steering(long bitrate, ImmutableArray<SegmentPlan> plans)
    {
        var steering = new SegmentBitrateSteering(bitrate, Info.Duration, plans);
        foreach (var plan in plans.Where(p => Store.Contains(p.Index)))
        {
            steering.Resumed(plan.Index, Store.VideoBytes(plan.Index));
        }

        return steering;
    }

    private void Plan(double seconds, ImmutableArray<SegmentPlan> plans, Action<string> status)
    {
        // Bitrate mode warms each segment's rate control on the frames before it; crf and quality have nothing to warm.
        var preRoll = Encode.Bitrate is null ? 0 : SegmentPreRoll.FramesFor(Info, plans);
        Plans = SegmentPreRoll.Apply(Info, plans, preRoll);
        var resumed = _journal is null ? 0 : Store.Load(Plans);
        Remaining = [.. Plans.Where(p => !Store.Contains(p.Index))];
        BitrateSteering = Encode.Bitrate is { } bitrate ? Steering(bitrate, Plans) : null;
        IsPlanned = true;
        var warmUp = Plans.Any(p => p.PreRollFrames > 0) ? $", {preRoll} frames of pre-roll each" : "";
        status(string.Create(CultureInfo.InvariantCulture,
            $"{Input}: {Info.VideoCodec.ToWireName()} {Info.Width}x{Info.Height}, {Info.FrameCount} frames, ~{seconds:0.##} s per segment, {Plans.Length} segments{warmUp}"));
        if (resumed > 0)
        {
            status($"resuming: {resumed} of {plans.Length} segments done");
        }
    }

    /// <summary>
    /// The per-segment check of this file's job (opened once, when its job is submitted): segments are measured as they
    /// arrive and outliers re-encoded through <paramref name="reencode"/>.
    /// </summary>
    public bool QualityCheck => _request.QualityCheck;

    public SegmentQualityGate OpenQualityGate(SegmentReencoder reencode, CancellationToken ct)
    {
        var policy = new EvenQualityPolicy(BaseCrf(_request.Encode), _request.QualitySpreadDb, Plans.Sum(p => p.FrameCount));
        return _quality ??= new SegmentQualityGate(Info, Plans, _request.Encode, Store, policy, reencode, Store.DirectoryPath, ct);
    }

    /// <summary>
    /// Completes the per-segment checks (which re-encode outliers), corrects a --bitrate file that landed off its target
    /// (<see cref="BitrateCorrectionPass"/>), assembles the segments into the temp file, verifies it at container level
    /// (every segment already decoded in its check) and renames it to the output; a failed verification is reported in
    /// the outcome (nothing written then). Throws <see cref="TranscodeFailedException"/> when the job did not finish or a
    /// segment never decoded.
    /// </summary>
    /// <param name="encode">Started when this file's encode started; stopped here once the output is assembled.</param>
    /// <param name="reencode">Encodes one segment again on the job's cluster; null when there is none (every segment
    /// resumed), and then a --bitrate file is not corrected.</param>
    public async Task<TranscodeOutcome> FinishAsync(JobResult job, Stopwatch encode, SegmentReencoder? reencode, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(encode);
        if (!job.Succeeded)
        {
            throw new TranscodeFailedException($"the cluster could not finish the job: {job.FailureReason} (run the same command again to retry the rest)");
        }

        _timer.Add(JobStage.Encode, encode.Elapsed);
        // Every segment resumed from an earlier run: measured here, nothing to re-encode them with.
        SegmentQualityGate? gate = null;
        SegmentQualityReport? quality = null;
        if (QualityCheck)
        {
            gate = OpenQualityGate(static (_, _) => Task.FromResult<(EncodedSegment, double)?>(null), ct);
            quality = await gate.CompleteAsync().ConfigureAwait(false);
        }

        var correction = await CorrectBitrateAsync(reencode, gate, ct).ConfigureAwait(false);
        if (gate is not null)
        {
            quality = correction is { Kept: > 0 } ? gate.Report() : quality;
            _timer.Add(JobStage.SegmentCheck, gate.CheckTime);
        }

        var segments = OneLevel(Plans.Select(p => Store.Header(p.Index)).ToList());
        using (_timer.Measure(JobStage.Assembly))
        {
            OutputAssembler.Write(_target.TempPath, Info, _request.Encode.Codec, segments,
                header => Store.Get(header.Index) with { DecoderConfiguration = header.DecoderConfiguration });
        }

        encode.Stop();
        // Each segment decoded alone in its check (the quality check, or its node's decode check); only switches between
        // nodes' parameter sets, and segments resumed from an earlier run without the quality check, are left to a full decode.
        var oneRecord = segments.All(s => s.DecoderConfiguration.Span.SequenceEqual(segments[0].DecoderConfiguration.Span));
        var eachDecoded = quality is not null || segments.All(s => s.DecodedOnNode);
        VerificationReport report;
        using (_timer.Measure(JobStage.FinalCheck))
        {
            report = await OutputVerifier.VerifyAsync(Info, _target.TempPath, ct, segmentsDecoded: eachDecoded && oneRecord).ConfigureAwait(false);
        }

        if (!report.Passed)
        {
            // The segments made a bad output, so the next run starts afresh.
            _journal?.Delete();
            return new TranscodeOutcome(Input, OutputPath, report, job, Info.FrameCount, encode.Elapsed, _total.Elapsed);
        }

        var bitrate = MeasureBitrate() is { } measured ? measured with { Correction = correction } : null; // before the journal's segments are deleted
        _target.Commit();
        _journal?.Delete();
        return new TranscodeOutcome(Input, OutputPath, report, job, Info.FrameCount, encode.Elapsed, _total.Elapsed) { Quality = quality, Bitrate = bitrate };
    }

    /// <summary>H.264 segments whose records differ only in the level x264 picked from each one's rate, given the one
    /// record at the highest of them (<see cref="H264LevelUnifier"/>); otherwise as they are.</summary>
    private List<EncodedSegment> OneLevel(List<EncodedSegment> segments)
    {
        if (_request.Encode.Codec != VideoCodec.H264
            || H264LevelUnifier.Unify([.. segments.Select(s => s.DecoderConfiguration)]) is not { } record)
        {
            return segments;
        }

        return [.. segments.Select(s => s with { DecoderConfiguration = record })];
    }

    /// <summary>The bounded second pass of a --bitrate job whose file landed off its target; null when it did not run.
    /// A re-encode is measured by the per-segment check when that is on, else stored as it is.</summary>
    private async Task<BitrateCorrectionReport?> CorrectBitrateAsync(SegmentReencoder? reencode, SegmentQualityGate? gate, CancellationToken ct)
    {
        if (reencode is null || BitrateSteering is not { } steering || Encode.Bitrate is not { } target || Info.Duration <= TimeSpan.Zero)
        {
            return null;
        }

        var pass = new BitrateCorrectionPass(Plans, Store, steering, target, Info.Duration);
        return await pass.RunAsync(reencode, gate is not null ? gate.ReplaceAsync : ReplaceUnchecked, ct).ConfigureAwait(false);
    }

    private Task<bool> ReplaceUnchecked(EncodedSegment segment)
    {
        Store.Replace(segment);
        return Task.FromResult(true);
    }

    /// <summary>The file's video bitrate against the --bitrate target, from the stored segments; null in quality mode.</summary>
    private BitrateReport? MeasureBitrate()
    {
        if (Encode.Bitrate is not { } target || Info.Duration <= TimeSpan.Zero)
        {
            return null;
        }

        var bits = Plans.Sum(p => Store.VideoBytes(p.Index)) * 8.0;
        return new BitrateReport(target, bits / Info.Duration.TotalSeconds);
    }

    /// <summary>The crf a quality-mode job stands for on a software node (what the even-quality policy moves); null in
    /// bitrate mode.</summary>
    private static double? BaseCrf(SegmentEncodeSettings encode) =>
        encode.Bitrate is not null ? null
        : encode.Crf ?? (encode.Quality is { } quality ? QualityCrfCurve.CrfFor(quality, encode.Codec) : null);

    public void Dispose()
    {
        Store.Dispose();
        DeleteSample(_sampleDirectory, _scratch);
        _target.Dispose();
    }

    /// <summary>The journal of this input and these settings, pruning stale ones; emptied first for --no-resume.</summary>
    private static ResumeJournal OpenJournal(string input, TranscodeRequest request)
    {
        var cache = CacheFolder.ForUser();
        ResumeJournal.Prune(cache, DateTime.UtcNow);
        // Token, wire compression and transport change how segments travel, not what they contain.
        var encode = request.Encode with { Token = "", Compression = WireCompression.Lz4, Transport = TransportChoice.Auto };
        // The segment count follows from the input and the length; the cluster-sized default records its length inside.
        var length = request.SegmentSeconds is { } seconds ? seconds.ToString("R", CultureInfo.InvariantCulture) : "cluster";
        var settings = $"{encode} segment-seconds={length}";
        var journal = ResumeJournal.Open(cache, InputFingerprint.Of(input), settings);
        if (!request.Resume)
        {
            journal.Delete();
            journal = ResumeJournal.Open(cache, InputFingerprint.Of(input), settings);
        }

        return journal;
    }

    private static void DeleteSample(string? sampleDirectory, ScratchPaths scratch)
    {
        if (sampleDirectory is not null)
        {
            Directory.Delete(sampleDirectory, recursive: true);
            scratch.Release(sampleDirectory);
        }
    }
}
