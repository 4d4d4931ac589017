using System.Globalization;
using ProductBrowser.LocalServers;

// Used by scripts/run.sh: start the project's own PostgreSQL and Redis with data kept in a folder, print the
// connection strings as shell exports; stop them again on exit. Tests use the same classes as a library.
const string usage = """
    usage: ProductBrowser.LocalServers start --data DIR [--postgres-port N] [--redis-port N] [--database NAME]
           ProductBrowser.LocalServers stop  --data DIR
    """;

if (args.Length == 0 || args[0] is not ("start" or "stop"))
{
    Console.Error.WriteLine(usage);
    return 2;
}

var options = ParseOptions(args.Skip(1).ToArray());
if (!options.TryGetValue("data", out var data))
{
    Console.Error.WriteLine(usage);
    return 2;
}

var postgresDirectory = await PostgresFolder.ResolveAsync(Path.Combine(Path.GetFullPath(data), "postgres"));
var redisDirectory = Path.Combine(Path.GetFullPath(data), "redis");
var portsFile = Path.Combine(Path.GetFullPath(data), "ports");

try
{
    if (args[0] == "start")
    {
        var postgresPort = int.Parse(options.GetValueOrDefault("postgres-port", "55432"), CultureInfo.InvariantCulture);
        var redisPort = int.Parse(options.GetValueOrDefault("redis-port", "56379"), CultureInfo.InvariantCulture);
        var database = options.GetValueOrDefault("database", "productbrowser");

        var postgres = await PostgresServer.StartAsync(postgresDirectory, postgresPort, throwaway: false);
        var redis = await RedisServer.StartAsync(redisDirectory, redisPort, throwaway: false);
        await File.WriteAllTextAsync(portsFile, $"{postgresPort} {redisPort}");

        Console.Error.WriteLine($"PostgreSQL on 127.0.0.1:{postgresPort} (data in {postgresDirectory}), Redis on 127.0.0.1:{redisPort}");
        Console.WriteLine($"export ConnectionStrings__Catalog='{postgres.ConnectionString(database)}'");
        Console.WriteLine($"export ConnectionStrings__Redis='{redis.ConnectionString}'");
    }
    else
    {
        var ports = File.Exists(portsFile) ? (await File.ReadAllTextAsync(portsFile)).Split(' ') : ["55432", "56379"];
        var postgres = await PostgresServer.StartAsync(postgresDirectory, int.Parse(ports[0], CultureInfo.InvariantCulture), throwaway: false);
        await postgres.StopAsync();
        var redis = await RedisServer.StartAsync(redisDirectory, int.Parse(ports[1], CultureInfo.InvariantCulture), throwaway: false);
        await redis.StopAsync();
        Console.Error.WriteLine("PostgreSQL and Redis stopped.");
    }

    return 0;
}
catch (PrerequisiteMissingException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 3;
}
catch (InvalidOperationException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 1;
}

static Dictionary<string, string> ParseOptions(string[] arguments)
{
    var result = new Dictionary<string, string>(StringComparer.Ordinal);
    for (var i = 0; i + 1 < arguments.Length; i += 2)
    {
        result[arguments[i].TrimStart('-')] = arguments[i + 1];
    }

    return result;
}
