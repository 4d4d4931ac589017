using System.Security.Cryptography;
using System.Text;

namespace ProductBrowser.LocalServers;

internal static class PostgresFolder
{
    /// <summary>
    /// As root, the cluster runs as the postgres account, which must be able to reach its folder. A checkout under a
    /// private home folder (/root) is out of its reach; the cluster then lives under /var/lib/productbrowser instead.
    /// </summary>
    public static async Task<string> ResolveAsync(string preferred)
    {
        if (!ServerProcess.IsRoot)
        {
            return preferred;
        }

        var parent = Path.GetDirectoryName(preferred)!;
        Directory.CreateDirectory(parent);
        try
        {
            await ServerProcess.RunAsync("test", ["-x", parent], runAsUser: "postgres");
            return preferred;
        }
        catch (InvalidOperationException)
        {
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(preferred)))[..12];
            var fallback = Path.Combine("/var/lib/productbrowser", hash, "postgres");
            Directory.CreateDirectory(Path.GetDirectoryName(fallback)!);
            return fallback;
        }
    }
}
