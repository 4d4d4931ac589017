namespace ProductBrowser.LocalServers;

public static class ServerPorts
{
    /// <summary>A loopback port nothing listens on right now.</summary>
    public static int Free() => ServerProcess.FreePort();
}
