namespace Vtr.Shared.Cluster;

/// <summary>Identifies one transcode job, chosen by the client (unique per submission).</summary>
public readonly record struct JobId(string Value)
{
    public static JobId New(string prefix) => new($"{prefix}-{Guid.NewGuid():N}");

    public override string ToString() => Value;
}

/// <summary>Identifies one encoder node; stable across re-registrations of the same process.</summary>
public readonly record struct NodeId(string Value)
{
    public override string ToString() => Value;
}

/// <summary>Identifies one lease: one attempt of one segment on one node session.</summary>
public readonly record struct LeaseId(Guid Value)
{
    public static LeaseId New() => new(Guid.NewGuid());

    public override string ToString() => Value.ToString("N")[..8];
}
