using Vtr.Cli.Embedded;

namespace Vtr.Cli.Segmenting;

/// <summary>
/// A cluster connection started ahead of need (the embedded cluster, while the files are probed), owned here until a
/// job takes it; one nobody took (every file failed its checks, or all were resumed) is disposed, and its start-up
/// failure is then nobody's business. It starts on <see cref="Start"/>, once a file has passed its output checks, so
/// a refused output never waits for a cluster to start and stop.
/// </summary>
internal sealed class PendingCluster(Func<Task<ClusterConnection>>? start)
{
    private Task<ClusterConnection>? _starting;
    private Func<Task<ClusterConnection>>? _start = start;

    /// <summary>Starts the connection in the background the first time; later calls (and a null start) do nothing.</summary>
    public void Start()
    {
        if (Interlocked.Exchange(ref _start, null) is { } start)
        {
            _starting = Task.Run(start);
        }
    }

    /// <summary>The started connection, handed over to the caller (who disposes it); null when none was started.</summary>
    public Task<ClusterConnection>? Take() => Interlocked.Exchange(ref _starting, null);

    public async Task DisposeUnusedAsync()
    {
        if (Take() is not { } unused)
        {
            return;
        }

        try
        {
            await (await unused.ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ClusterUnreachableException or OperationCanceledException or Node.Codecs.CodecException)
        {
            // No file needed the cluster; the files' own errors are what the user must see.
        }
    }
}
