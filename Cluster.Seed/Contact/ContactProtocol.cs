using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using Vtr.Shared.Cluster;

namespace Vtr.Seed.Contact;

/// <summary>
/// The seed's contact point: a one-request TCP exchange on the port users type (<c>--seed HOST:4053</c>). A joiner
/// learns the members' canonical Akka addresses from it, so it never has to spell the seed's advertised name (Akka.Remote
/// drops messages addressed to any other alias); <c>vtr status</c> reads the cluster's state through it without joining.
/// Request: one ASCII line <c>VTR-CONTACT/1 JOIN</c> or <c>VTR-CONTACT/1 STATUS</c>. Reply: one JSON line, then close.
/// </summary>
public static class ContactProtocol
{
    public const string Magic = "VTR-CONTACT/1";
    public const string JoinVerb = "JOIN";
    public const string StatusVerb = "STATUS";

    /// <summary>The longest request line accepted; anything longer is refused unread.</summary>
    public const int MaxRequestBytes = 64;

    /// <summary>The longest reply a client reads (a status of many nodes and jobs fits easily).</summary>
    public const int MaxReplyBytes = 1 << 20;

    /// <summary>The only answer a secured seed gives a peer that did not start TLS: no members, no status.</summary>
    public const string FarmSecuredError =
        "this farm is secured: this machine needs the farm certificate (on a farm machine run `vtr farm token`, here `vtr farm join` and paste it)";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static byte[] Request(string verb) => Encoding.ASCII.GetBytes($"{Magic} {verb}\n");

    /// <summary>The verb of a request line, or null when the line is not a contact request.</summary>
    public static string? ParseRequest(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var parts = line.Trim().Split(' ', 2);
        return parts.Length == 2 && parts[0] == Magic && parts[1] is JoinVerb or StatusVerb ? parts[1] : null;
    }

    public static byte[] Serialize(ContactReply reply) =>
        Encoding.UTF8.GetBytes(JsonSerializer.Serialize(reply, Json) + "\n");

    public static ContactReply Deserialize(ReadOnlySpan<byte> utf8) =>
        JsonSerializer.Deserialize<ContactReply>(utf8, Json) ?? throw new JsonException("empty contact reply");
}

/// <summary>
/// What the contact point answers: the canonical Akka addresses of the cluster's members (the answering seed first),
/// the address it saw the request come from, the cluster's status for STATUS, or why it could not answer, and the
/// answering seed's own version (<c>NUMBER+COMMIT</c>; null from a seed older than the field).
/// </summary>
public sealed record ContactReply(
    ImmutableArray<string> Members,
    string ObservedAddress,
    ClusterStatus? Status = null,
    string? Error = null,
    ImmutableArray<MemberView>? MemberStates = null,
    string? Version = null);

/// <summary>One cluster member as the answering seed sees it (for STATUS): address, roles, status, reachability.</summary>
public sealed record MemberView(string Address, ImmutableArray<string> Roles, string Status, bool Reachable);
