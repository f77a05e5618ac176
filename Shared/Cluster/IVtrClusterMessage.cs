namespace Vtr.Shared.Cluster;

/// <summary>
/// Marker for every record that crosses Akka.Remote. All of them are bound to
/// <see cref="VtrClusterSerializer"/>; nothing else may be sent between cluster members.
/// </summary>
public interface IVtrClusterMessage;
