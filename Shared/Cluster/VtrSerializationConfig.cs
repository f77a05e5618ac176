using Akka.Configuration;

namespace Vtr.Shared.Cluster;

/// <summary>
/// HOCON that binds <see cref="IVtrClusterMessage"/> to <see cref="VtrClusterSerializer"/>, for systems
/// built without Akka.Hosting. Hosted systems call <c>AddVtrSerialization()</c> (Cluster.Seed/Hosting).
/// </summary>
public static class VtrSerializationConfig
{
    public const string SerializerAlias = "vtr";

    public static Config Hocon { get; } = ConfigurationFactory.ParseString($$"""
        akka.actor {
          serializers.{{SerializerAlias}} = "{{typeof(VtrClusterSerializer).AssemblyQualifiedName}}"
          serialization-bindings {
            "{{typeof(IVtrClusterMessage).AssemblyQualifiedName}}" = {{SerializerAlias}}
          }
        }
        """);

    /// <summary>Returns <paramref name="config"/> with the vtr serializer binding as a fallback.</summary>
    public static Config WithVtrSerialization(this Config config) => config.WithFallback(Hocon);
}
