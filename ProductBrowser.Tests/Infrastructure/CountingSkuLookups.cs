using Microsoft.Extensions.DependencyInjection;
using ProductBrowser.Catalog.Lookup;

namespace ProductBrowser.Tests.Infrastructure;

/// <summary>
/// Counts the lookups an app runs: the real <see cref="SkuLookupService"/> (real Redis and PostgreSQL) behind a
/// decorator that adds one to <see cref="Count"/> per call.
/// </summary>
public sealed class CountingSkuLookups
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Register(IServiceCollection services)
    {
        services.AddScoped<SkuLookupService>();
        services.AddScoped<ISkuLookupService>(sp => new Counting(sp.GetRequiredService<SkuLookupService>(), this));
    }

    private sealed class Counting(ISkuLookupService inner, CountingSkuLookups counter) : ISkuLookupService
    {
        public Task<SkuLookupResult> LookupAsync(string? input, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref counter._count);
            return inner.LookupAsync(input, cancellationToken);
        }
    }
}
