using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ProductBrowser.Data;

public static class CatalogDataExtensions
{
    public const string ConnectionStringName = "Catalog";

    /// <summary>
    /// One <see cref="NpgsqlDataSource"/> for the process and a pooled <see cref="IDbContextFactory{TContext}"/>:
    /// components and services create a short-lived context per operation, never one per circuit.
    /// </summary>
    public static IHostApplicationBuilder AddCatalogData(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<CatalogDatabaseOptions>()
            .Configure(options =>
            {
                options.ConnectionString = builder.Configuration.GetConnectionString(ConnectionStringName) ?? "";
                options.MigrateOnStartup = builder.Configuration.GetValue("Database:MigrateOnStartup", true);
            })
            .Validate(
                options => IsValidConnectionString(options.ConnectionString),
                $"ConnectionStrings:{ConnectionStringName} must be a PostgreSQL connection string " +
                $"(for example via the environment variable ConnectionStrings__{ConnectionStringName}).")
            .ValidateOnStart();

        builder.Services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<CatalogDatabaseOptions>>().Value;
            return new NpgsqlDataSourceBuilder(WithAutomaticPreparation(options.ConnectionString)).Build();
        });

        builder.Services.AddPooledDbContextFactory<CatalogDbContext>((sp, options) =>
        {
            options.UseNpgsql(sp.GetRequiredService<NpgsqlDataSource>())
                .UseSnakeCaseNamingConvention()
                .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking)
                // Capped counts (count over LIMIT n) need no order; the warning would fire on every count.
                .ConfigureWarnings(w => w.Ignore(CoreEventId.RowLimitingOperationWithoutOrderByWarning));
            options.AddInterceptors(sp.GetServices<IInterceptor>());
        });

        builder.Services.AddSingleton<CatalogDatabaseMigrator>();
        return builder;
    }

    /// <summary>
    /// Npgsql prepares a statement once it has run <c>Auto Prepare Min Usages</c> times, so the catalog's few hot queries
    /// (a product by id, a page of the list) skip PostgreSQL's parse and plan. On unless the connection string says
    /// otherwise (set <c>Max Auto Prepare=0</c> behind a pooler in transaction mode, which cannot keep prepared statements).
    /// </summary>
    internal static string WithAutomaticPreparation(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase)
            && !connectionString.Contains("AutoPrepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxAutoPrepare = 64;
            builder.AutoPrepareMinUsages = 2;
        }

        return builder.ConnectionString;
    }

    private static bool IsValidConnectionString(string connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return false;
        }

        try
        {
            return !string.IsNullOrEmpty(new NpgsqlConnectionStringBuilder(connectionString).Host);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
