namespace Vtr.Shared.Cluster;

/// <summary>Identifies one transcode job, chosen by the client (unique per submission).</summary>
public readonly record struct JobId(string Value)
{
    public static JobId New(string prefix) => new($"{prefix}-{Guid.NewGuid():N}");

    /// <summary>The first 8 characters of the id's unique part: enough to tell a farm's jobs apart in a log or table.</summary>
    public string Short
    {
        get
        {
            var value = Value ?? "";
            var dash = value.LastIndexOf('-');
            var unique = dash >= 0 && dash < value.Length - 1 ? value[(dash + 1)..] : value;
            return unique.Length <= 8 ? unique : unique[..8];
        }
    }

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

    /// <summary>The lease as a VTR1 CONFIGURE <c>lease</c> value (32 hex digits): how a node session knows its lease.</summary>
    public string ConfigureValue => Value.ToString("N", System.Globalization.CultureInfo.InvariantCulture);

    public override string ToString() => Value.ToString("N")[..8];
}
