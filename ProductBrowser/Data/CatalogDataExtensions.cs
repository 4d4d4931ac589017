using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ProductBrowser.Data;

public static class CatalogDataExtensions
{
    public const string ConnectionStringName = "Catalog";

    public const string ReplicaConnectionStringName = "CatalogReplica";

    /// <summary>The key of the replica's <see cref="NpgsqlDataSource"/> (a keyed service, registered only to be used when one is configured).</summary>
    public const string ReplicaDataSource = "replica";

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
                options.ReplicaConnectionString = builder.Configuration.GetConnectionString(ReplicaConnectionStringName) ?? "";
                options.MigrateOnStartup = builder.Configuration.GetValue("Database:MigrateOnStartup", true);
                options.StartupAttempts = builder.Configuration.GetValue("Database:StartupAttempts", options.StartupAttempts);
                options.ReplicaLagInterval = builder.Configuration.GetValue("Database:ReplicaLagInterval", options.ReplicaLagInterval);
            })
            .Validate(
                options => IsValidConnectionString(options.ConnectionString),
                $"ConnectionStrings:{ConnectionStringName} must be a PostgreSQL connection string " +
                $"(for example via the environment variable ConnectionStrings__{ConnectionStringName}).")
            .Validate(
                options => options.ReplicaConnectionString.Length == 0 || IsValidConnectionString(options.ReplicaConnectionString),
                $"ConnectionStrings:{ReplicaConnectionStringName}, when set, must be a PostgreSQL connection string " +
                $"(environment variable ConnectionStrings__{ReplicaConnectionStringName}); leave it empty to read from the primary.")
            .Validate(options => options.StartupAttempts is >= 1 and <= 1_000, "Database:StartupAttempts must be between 1 and 1000.")
            .Validate(options => options.ReplicaLagInterval >= TimeSpan.FromMilliseconds(100) && options.ReplicaLagInterval <= TimeSpan.FromMinutes(10),
                "Database:ReplicaLagInterval must be between 00:00:00.1 and 00:10:00.")
            .ValidateOnStart();

        builder.Services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<CatalogDatabaseOptions>>().Value;
            return new NpgsqlDataSourceBuilder(WithAutomaticPreparation(options.ConnectionString)).Build();
        });

        builder.Services.AddPooledDbContextFactory<CatalogDbContext>((sp, options) =>
            Configure(options, sp.GetRequiredService<NpgsqlDataSource>(), sp));

        builder.Services.AddKeyedSingleton(ReplicaDataSource, (sp, _) =>
        {
            var options = sp.GetRequiredService<IOptions<CatalogDatabaseOptions>>().Value;
            return new NpgsqlDataSourceBuilder(WithAutomaticPreparation(options.ReplicaConnectionString)).Build();
        });
        builder.Services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<CatalogDatabaseOptions>>().Value;
            if (options.ReplicaConnectionString.Length == 0)
            {
                return new CatalogReadDbContextFactory(sp.GetRequiredService<IDbContextFactory<CatalogDbContext>>(), isReplica: false);
            }

            var primary = sp.GetRequiredService<IDbContextFactory<CatalogDbContext>>();
            var replica = new DbContextOptionsBuilder<CatalogDbContext>().UseApplicationServiceProvider(sp);
            Configure(replica, sp.GetRequiredKeyedService<NpgsqlDataSource>(ReplicaDataSource), sp);
            using (var context = primary.CreateDbContext())
            {
                // The primary's model instance: compiled queries (by id, by SKU) refuse to run against another one.
                replica.UseModel(context.Model);
            }

            return new CatalogReadDbContextFactory(new PooledDbContextFactory<CatalogDbContext>(replica.Options), isReplica: true);
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

    private static void Configure(DbContextOptionsBuilder options, NpgsqlDataSource dataSource, IServiceProvider services)
    {
        options.UseNpgsql(dataSource)
            .UseSnakeCaseNamingConvention()
            .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking)
            // Capped counts (count over LIMIT n) need no order; the warning would fire on every count.
            .ConfigureWarnings(w => w.Ignore(CoreEventId.RowLimitingOperationWithoutOrderByWarning));
        options.AddInterceptors(services.GetServices<IInterceptor>());
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
