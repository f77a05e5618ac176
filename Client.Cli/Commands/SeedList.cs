using Vtr.Seed.Contact;
using Vtr.Seed.Hosting;

namespace Vtr.Cli.Commands;

/// <summary>--seed values (repeatable, HOST[:PORT], port defaulting to the seed's contact port) as endpoints.</summary>
public static class SeedList
{
    public static bool TryParse(IReadOnlyList<string> values, out List<SeedEndPoint> seeds, out string? bad)
    {
        ArgumentNullException.ThrowIfNull(values);
        seeds = [];
        bad = null;
        foreach (var value in values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (!SeedEndPoint.TryParse(value, VtrClusterOptions.DefaultContactPort, out var seed) || seed is null)
            {
                bad = value;
                return false;
            }

            seeds.Add(seed);
        }

        return seeds.Count > 0;
    }
}
