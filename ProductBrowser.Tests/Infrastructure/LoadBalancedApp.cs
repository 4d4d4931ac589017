using System.Globalization;
using ProductBrowser.LocalServers;
using ProductBrowser.ScaleOut;
using ProductBrowser.Tests.Unit;

namespace ProductBrowser.Tests.Infrastructure;

/// <summary>
/// Two app instances as separate processes (the built app, Development settings, the demo users) sharing one database,
/// the test Redis and one key prefix, behind nginx running the repository's own load-balancer configuration.
/// </summary>
public sealed class LoadBalancedApp(TestServers servers) : IAsyncLifetime
{
    public const string FirstName = "first";
    public const string SecondName = "second";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"productbrowser-lb-{Guid.NewGuid():N}");
    private readonly Dictionary<string, AppProcess> _instances = new(StringComparer.Ordinal);
    private NginxServer? _nginx;

    public string CatalogConnectionString { get; private set; } = "";

    public string KeyPrefix { get; } = $"lb{Guid.NewGuid():N}"[..20];

    /// <summary>nginx's address: what a user's browser talks to.</summary>
    public Uri BalancerAddress { get; private set; } = null!;

    public AppProcess Instance(string name) => _instances[name];

    /// <summary>The instance that is not <paramref name="name"/>.</summary>
    public static string Other(string name) => name == FirstName ? SecondName : FirstName;

    /// <summary>
    /// Starts again each instance a test stopped or killed, and returns once nginx sends requests to it again, so the next
    /// test finds both running and both in the balancer.
    /// </summary>
    /// <remarks>
    /// nginx keeps an instance that refused a connection out for <c>fail_timeout</c> (10 s) after it is back. A test that
    /// began inside that window could have its page served by one instance and, the window ending a moment later, its
    /// circuit opened on the other: taking the page's instance away would then leave the circuit untouched.
    /// </remarks>
    public async Task StartAgainWhereStoppedAsync(CancellationToken cancellationToken)
    {
        foreach (var (name, instance) in _instances)
        {
            if (instance.HasExited)
            {
                await instance.StartAgainAsync(cancellationToken);
                await WaitUntilBalancedToAsync(name, cancellationToken);
            }
        }
    }

    /// <summary>
    /// Sends requests through nginx, each with an affinity cookie of its own (half of them hash to either instance),
    /// until <paramref name="name"/> answers one.
    /// </summary>
    private async Task WaitUntilBalancedToAsync(string name, CancellationToken cancellationToken)
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = BalancerAddress };
        await Eventually.TrueAsync(async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "alive");
            request.Headers.Add("Cookie", $"pb_affinity={Guid.NewGuid():N}");
            using var response = await client.SendAsync(request, cancellationToken);
            var instance = response.Headers.TryGetValues(ScaleOutExtensions.InstanceHeader, out var values) ? values.Single() : "";
            return instance == name;
        }, TimeSpan.FromSeconds(40));
    }

    public async ValueTask InitializeAsync()
    {
        CatalogConnectionString = await servers.CreateDatabaseAsync("balanced");
        await CatalogDatabase.MigrateAndSeedAsync(CatalogConnectionString, servers.RedisConnectionString, 50);

        // One after the other: the first creates the demo users, the second finds them.
        foreach (var name in new[] { FirstName, SecondName })
        {
            _instances[name] = await AppProcess.StartAsync(AppDll(), Settings(name), TestContext.Current.CancellationToken);
        }

        var port = ServerPorts.Free();
        _nginx = await NginxServer.StartAsync(Path.Combine(_directory, "nginx"), SiteConfiguration(port,
            _instances[FirstName].Port, _instances[SecondName].Port), port, TestContext.Current.CancellationToken);
        BalancerAddress = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/"));
    }

    /// <summary>The repository's nginx site with the compose service names and port replaced by loopback ones.</summary>
    public static string SiteConfiguration(int listenPort, int firstPort, int secondPort)
    {
        var site = File.ReadAllText(Path.Combine(DeploymentFilesTests.RepositoryRoot(), "deploy", "nginx", "productbrowser.conf"));
        return Replace(Replace(Replace(site,
            "listen 8080;", $"listen 127.0.0.1:{listenPort};"),
            "server app1:8080", $"server 127.0.0.1:{firstPort}"),
            "server app2:8080", $"server 127.0.0.1:{secondPort}");
    }

    private static string Replace(string text, string old, string replacement) =>
        text.Contains(old, StringComparison.Ordinal)
            ? text.Replace(old, replacement, StringComparison.Ordinal)
            : throw new InvalidOperationException($"deploy/nginx/productbrowser.conf no longer contains '{old}'; update the test setup.");

    private Dictionary<string, string> Settings(string name) => new(StringComparer.Ordinal)
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] = "true",
        ["ConnectionStrings:Catalog"] = CatalogConnectionString,
        ["ConnectionStrings:Redis"] = servers.RedisConnectionString,
        ["Cache:KeyPrefix"] = KeyPrefix,
        ["DemoCatalog:Enabled"] = "false",
        ["Instance:Name"] = name,
        // Every test signs in from 127.0.0.1: the throttle has tests of its own.
        ["Security:SignInAttemptsPerAddress"] = "100000",
        ["Security:SignInAttemptsPerUserAndAddress"] = "100000",
        ["Logging:LogLevel:Default"] = "Warning",
    };

    /// <summary>The app as built next to the tests (same configuration): ProductBrowser/bin/{configuration}/{framework}.</summary>
    internal static string AppDll()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = testOutput.Name;
        var configuration = testOutput.Parent!.Name;
        return Path.Combine(DeploymentFilesTests.RepositoryRoot(), "ProductBrowser", "bin", configuration, framework, "ProductBrowser.dll");
    }

    public async ValueTask DisposeAsync()
    {
        if (_nginx is not null)
        {
            await _nginx.DisposeAsync();
        }

        foreach (var instance in _instances.Values)
        {
            await instance.DisposeAsync();
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Leftovers in the temp folder are harmless.
        }
    }
}
