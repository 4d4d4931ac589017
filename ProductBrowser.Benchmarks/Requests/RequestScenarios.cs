using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using ProductBrowser.Catalog;
using ProductBrowser.Data.Seeding;

namespace ProductBrowser.Benchmarks.Requests;

/// <summary>
/// Whole requests under a loopback load generator: the product details page (prerendered GET, as a browser's first
/// request) and <c>/api/products/{id}</c>, each against three app instances running side by side in this process:
/// as shipped (Redis warm), with the cache bypassed, and with the products held in memory (the page's ceiling).
/// Rounds alternate between them so drift on the machine lands on all alike.
/// </summary>
internal sealed partial class RequestScenarios(string catalog, string redis, string keyPrefix, int productCount)
{
    private const int Products = 1_000;
    private const int Rounds = 3;
    private const int Connections = 16;
    private static readonly TimeSpan RoundDuration = TimeSpan.FromSeconds(5);

    public async Task<(IReadOnlyList<string> Table, IReadOnlyList<string> Notes)> RunAsync()
    {
        var random = new Random(5);
        var ids = Enumerable.Range(0, Products).Select(_ => DemoCatalogGenerator.IdFor(1 + random.Next(productCount))).Distinct().ToList();
        var apps = new List<BenchmarkApp>();
        try
        {
            foreach (var source in Enum.GetValues<ProductSource>())
            {
                var app = new BenchmarkApp(catalog, redis, keyPrefix, source, ids);
                app.Start();
                apps.Add(app);
            }

            var scenarios = new List<(string Name, BenchmarkApp App, string[] Paths, string Cookie)>();
            foreach (var app in apps)
            {
                var cookie = await SignInAsync(app);
                await WarmAsync(app, cookie, ids);
                scenarios.Add(($"Details page, {Describe(app.Source)}", app, [.. ids.Select(id => $"/products/{id}")], cookie));
                if (app.Source != ProductSource.Memory)
                {
                    scenarios.Add(($"JSON endpoint, {Describe(app.Source)}", app, [.. ids.Select(id => $"/api/products/{id}")], cookie));
                }
            }

            var results = scenarios.ToDictionary(s => s.Name, _ => new List<WrkResult>());
            foreach (var (name, app, paths, cookie) in scenarios)
            {
                Console.Error.WriteLine($"  warming: {name}");
                await Wrk.RunAsync(app.BaseAddress, paths, cookie, TimeSpan.FromSeconds(2), Connections);
            }

            for (var round = 0; round < Rounds; round++)
            {
                foreach (var (name, app, paths, cookie) in scenarios)
                {
                    Console.Error.WriteLine($"  round {round + 1}: {name}");
                    var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
                    var result = await Wrk.RunAsync(app.BaseAddress, paths, cookie, RoundDuration, Connections);
                    result = result with { AppCpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu };
                    if (result.Failed > 0)
                    {
                        throw new InvalidOperationException($"{name}: {result.Failed} requests failed or were not 2xx; the figures would be wrong.");
                    }

                    results[name].Add(result);
                }
            }

            return Summarize(results);
        }
        finally
        {
            foreach (var app in apps)
            {
                await app.DisposeAsync();
            }
        }
    }

    private static (IReadOnlyList<string>, IReadOnlyList<string>) Summarize(Dictionary<string, List<WrkResult>> results)
    {
        double Rps(string name) => results[name].Sum(r => r.Requests) / results[name].Sum(r => r.Seconds);
        double CpuPerRequest(string name) => results[name].Sum(r => r.AppCpu.TotalMilliseconds) / results[name].Sum(r => r.Requests);
        double Median(string name, Func<WrkResult, double> figure) => results[name].Select(figure).Order().ElementAt(results[name].Count / 2);

        var table = new List<string>
        {
            "| scenario | requests/s | p50 ms | p95 ms | p99 ms | app CPU ms / request |",
            "|---|---:|---:|---:|---:|---:|",
        };
        table.AddRange(results.Keys.Select(name => string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {Rps(name):N0} | {Median(name, r => r.P50):F2} | {Median(name, r => r.P95):F2} | {Median(name, r => r.P99):F2} | {CpuPerRequest(name):F2} |")));

        var page = Rps($"Details page, {Describe(ProductSource.Cache)}");
        var notes = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture,
                $"Cached details page / in-memory page: **{page / Rps($"Details page, {Describe(ProductSource.Memory)}"):F2}×** requests/s (target ≥ 0.85×)."),
            string.Create(CultureInfo.InvariantCulture,
                $"Cached JSON endpoint / uncached: **{Rps($"JSON endpoint, {Describe(ProductSource.Cache)}") / Rps($"JSON endpoint, {Describe(ProductSource.Database)}"):F2}×** requests/s (target ≥ 2×)."),
            string.Create(CultureInfo.InvariantCulture,
                $"Cached details page / uncached page: **{page / Rps($"Details page, {Describe(ProductSource.Database)}"):F2}×** requests/s."),
            string.Create(CultureInfo.InvariantCulture,
                $"With the in-memory tier on: details page **{Rps($"Details page, {Describe(ProductSource.CacheWithMemoryTier)}") / Rps($"Details page, {Describe(ProductSource.Memory)}"):F2}×** the in-memory page, JSON endpoint **{Rps($"JSON endpoint, {Describe(ProductSource.CacheWithMemoryTier)}") / Rps($"JSON endpoint, {Describe(ProductSource.Database)}"):F2}×** the uncached endpoint."),
            string.Create(CultureInfo.InvariantCulture,
                $"App CPU per request is the whole process's CPU time over the requests served (the three instances share the process but run one at a time); it is steadier than requests/s when other work shares the machine. " +
                $"wrk 1 thread, {Connections} connections, {Rounds} rounds of {RoundDuration.TotalSeconds:F0} s per scenario (alternating), cycling through {Products:N0} products with a signed-in staff cookie; the app (Production settings) and wrk share the machine's cores."),
        };
        return (table, notes);
    }

    private static string Describe(ProductSource source) => source switch
    {
        ProductSource.Cache => "cache warm (as shipped)",
        ProductSource.CacheWithMemoryTier => "cache warm, in-memory tier on",
        ProductSource.Database => "cache bypassed (PostgreSQL every time)",
        _ => "product held in memory (ceiling)",
    };

    /// <summary>Signs in through the real form (antiforgery token and all) and returns the cookie header to replay.</summary>
    private static async Task<string> SignInAsync(BenchmarkApp app)
    {
        var cookies = new CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };
        var form = await client.GetStringAsync("/account/login");
        var token = WebUtility.HtmlDecode(TokenPattern().Match(form).Groups[1].Value);
        using var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.UserName"] = BenchmarkApp.UserName,
            ["Input.Password"] = BenchmarkApp.Password,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in for the load test failed: {(int)response.StatusCode}.");
        }

        return cookies.GetCookieHeader(app.BaseAddress);
    }

    /// <summary>Reads every product once (filling Redis for the cached instance) and checks the pages answer 200.</summary>
    private static async Task WarmAsync(BenchmarkApp app, string cookie, IReadOnlyList<Guid> ids)
    {
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        foreach (var id in ids)
        {
            using var response = await client.GetAsync($"/api/products/{id}");
            response.EnsureSuccessStatusCode();
        }

        using var page = await client.GetAsync($"/products/{ids[0]}");
        var html = await page.Content.ReadAsStringAsync();
        if (page.StatusCode != HttpStatusCode.OK || !html.Contains(ids[0].ToString(), StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"The details page did not render for the load test ({(int)page.StatusCode}).");
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
