using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using ProductBrowser.Data.Seeding;
using ProductBrowser.Tests.Infrastructure;

namespace ProductBrowser.Tests.Integration;

/// <summary>
/// OpenTelemetry as an operator sees it, against the real app, PostgreSQL and Redis: the in-memory exporter stands in
/// for a collector. The tests run alone (after the parallel collections): a meter provider counts every app instance
/// in the process, so exact counts need the other tests quiet.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class TelemetryTests(TestServers servers)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AMissAndAHitProduceTheirMeasurementsAndTheDashboardCountsTheSameReads()
    {
        var metrics = new List<Metric>();
        await using var app = new AppServer(servers.CatalogConnectionString, servers.RedisConnectionString,
            services: s => s.ConfigureOpenTelemetryMeterProvider(m => m.AddInMemoryExporter(metrics)));
        app.Start();
        using var client = await SignedInAsync(app);
        var statistics = app.Services.GetRequiredService<ProductBrowser.Diagnostics.CacheStatistics>();
        var before = statistics.SinceStart();
        var product = $"/api/products/{DemoCatalogGenerator.IdFor(17)}";

        var first = await client.GetAsync(product, Cancellation);
        var second = await client.GetAsync(product, Cancellation);
        app.Services.GetRequiredService<MeterProvider>().ForceFlush();

        Assert.Equal("MISS", first.Headers.GetValues("X-Cache").Single());
        Assert.Equal("HIT", second.Headers.GetValues("X-Cache").Single());
        Assert.Equal(1, Sum(metrics, "productbrowser.product.reads", "outcome", "miss"));
        Assert.Equal(1, Sum(metrics, "productbrowser.product.reads", "outcome", "hit"));
        Assert.Equal(1, Count(metrics, "productbrowser.product.read.duration", "outcome", "miss"));
        Assert.Equal(1, Count(metrics, "productbrowser.product.read.duration", "outcome", "hit"));
        Assert.Equal(1, Count(metrics, "productbrowser.product.database.duration"));
        Assert.True(Count(metrics, "productbrowser.redis.duration", "operation", "GET") >= 2, "Both reads asked Redis first.");
        Assert.Contains(metrics, m => m.Name == "productbrowser.redis.breaker.open");
        Assert.Contains(metrics, m => m.Name == "productbrowser.change_feed.backlog");
        // ASP.NET Core, the runtime and Npgsql report through the same pipeline.
        Assert.Contains(metrics, m => m.Name == "http.server.request.duration");
        Assert.Contains(metrics, m => m.Name.StartsWith("dotnet.", StringComparison.Ordinal));
        Assert.Contains(metrics, m => m.MeterName == "Npgsql");
        // One bookkeeping: the dashboard's figures are those same two reads.
        var after = statistics.SinceStart();
        Assert.Equal((before.Hits + 1, before.Misses + 1), (after.Hits, after.Misses));
    }

    [Fact]
    public async Task AReadsTraceHoldsItsRedisAndPostgresSpans()
    {
        var spans = new List<Activity>();
        await using var app = new AppServer(servers.CatalogConnectionString, servers.RedisConnectionString,
            services: s => s.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(spans)));
        app.Start();
        using var client = await SignedInAsync(app);

        var response = await client.GetAsync($"/api/products/{DemoCatalogGenerator.IdFor(23)}", Cancellation);
        Assert.Equal("MISS", response.Headers.GetValues("X-Cache").Single());
        app.Services.GetRequiredService<TracerProvider>().ForceFlush();

        var request = Assert.Single(Snapshot(spans), s => s.Kind == ActivityKind.Server && s.GetTagItem("http.route") as string == "/api/products/{id}");
        // The fill is sent without waiting for its reply: its span may end just after the response.
        await Eventually.TrueAsync(() => Snapshot(spans).Any(s => s.TraceId == request.TraceId && s.DisplayName == "redis FILL"), TimeSpan.FromSeconds(10));
        var trace = Snapshot(spans).Where(s => s.TraceId == request.TraceId).ToList();
        Assert.Contains(trace, s => s.Source.Name == "ProductBrowser.Redis" && s.DisplayName == "redis GET" && s.ParentSpanId == request.SpanId);
        Assert.Contains(trace, s => s.Source.Name == "Npgsql" && s.Kind == ActivityKind.Client);
        Assert.All(trace.Where(s => s.Source.Name == "ProductBrowser.Redis"), s => Assert.Equal("redis", s.GetTagItem("db.system.name")));
    }

    [Fact]
    public async Task TheScrapeEndpointIsForAdminsOnly()
    {
        await using var app = new AppServer(servers.CatalogConnectionString, servers.RedisConnectionString);
        app.Start();
        using var anonymous = app.NewClient();
        using var staff = await SignedInAsync(app, BrowserFixture.Staff);
        using var admin = await SignedInAsync(app);
        await admin.GetAsync($"/api/products/{DemoCatalogGenerator.IdFor(29)}", Cancellation);

        var refused = await anonymous.GetAsync("/metrics", Cancellation);
        var forbidden = await staff.GetAsync("/metrics", Cancellation);
        var scraped = await admin.GetAsync("/metrics", Cancellation);

        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.OK, scraped.StatusCode);
        Assert.Contains("productbrowser_product_reads_total{", await scraped.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnItsOwnPortTheScrapeNeedsNoSignInAndThatPortServesNothingElse()
    {
        var metricsPort = LocalServers.ServerPorts.Free();
        await using var app = new AppServer(servers.CatalogConnectionString, servers.RedisConnectionString,
            new Dictionary<string, string?> { ["Telemetry:PrometheusPort"] = metricsPort.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            s => s.Configure<KestrelServerOptions>(kestrel => kestrel.Listen(IPAddress.Loopback, metricsPort)));
        app.Start();
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var monitoring = new Uri($"http://127.0.0.1:{metricsPort}");

        var scraped = await client.GetAsync(new Uri(monitoring, "/metrics"), Cancellation);
        var page = await client.GetAsync(new Uri(monitoring, "/account/login"), Cancellation);
        var onTheAppPort = await client.GetAsync(new Uri(app.BaseAddress, "/metrics"), Cancellation);

        Assert.Equal(HttpStatusCode.OK, scraped.StatusCode);
        Assert.Contains("# TYPE", await scraped.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, onTheAppPort.StatusCode);
    }

    private static async Task<HttpClient> SignedInAsync(AppServer app, string user = BrowserFixture.Admin)
    {
        var client = app.NewClient();
        var signIn = await SignInForm.PostAsync(client, user, BrowserFixture.DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return client;
    }

    private static List<Activity> Snapshot(List<Activity> spans)
    {
        lock (spans)
        {
            return [.. spans];
        }
    }

    private static long Sum(List<Metric> metrics, string name, string tag, string value) =>
        Points(metrics, name, tag, value).Sum(point => point.GetSumLong());

    private static long Count(List<Metric> metrics, string name, string? tag = null, string? value = null) =>
        Points(metrics, name, tag, value).Sum(point => point.GetHistogramCount());

    /// <summary>The latest export's points of one instrument whose tag has the value (cumulative: the last export holds all).</summary>
    private static List<MetricPoint> Points(List<Metric> metrics, string name, string? tag, string? value)
    {
        var points = new List<MetricPoint>();
        if (metrics.LastOrDefault(m => m.Name == name) is not { } metric)
        {
            return points;
        }

        foreach (ref readonly var point in metric.GetMetricPoints())
        {
            if (tag is null || HasTag(point, tag, value))
            {
                points.Add(point);
            }
        }

        return points;
    }

    private static bool HasTag(in MetricPoint point, string tag, string? value)
    {
        foreach (var pair in point.Tags)
        {
            if (pair.Key == tag && Equals(pair.Value as string, value))
            {
                return true;
            }
        }

        return false;
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "Telemetry";
}
