namespace Vtr.Node.Sessions;

/// <summary>HOCON the node's ActorSystem needs for sessions: a dedicated thread per codec actor.</summary>
public static class SessionsConfig
{
    public const string Hocon = CodecActor.DispatcherId + """
         {
          type = PinnedDispatcher
          executor = thread-pool-executor
        }
        """;
}
