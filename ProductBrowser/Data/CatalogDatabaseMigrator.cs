using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ProductBrowser.Data;

/// <summary>Applies the committed EF migrations. The schema is never created any other way.</summary>
public sealed partial class CatalogDatabaseMigrator(
    IDbContextFactory<CatalogDbContext> dbFactory,
    IOptions<CatalogDatabaseOptions> options,
    TimeProvider time,
    ILogger<CatalogDatabaseMigrator> logger)
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);
    private const int Attempts = 15;

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.MigrateOnStartup)
        {
            LogMigrationsSkipped(logger);
            return;
        }

        // A database started alongside the app (docker compose, the run script) may take a moment to accept connections.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
                var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
                if (pending.Count > 0)
                {
                    LogApplyingMigrations(logger, pending.Count, string.Join(", ", pending));
                    await db.Database.MigrateAsync(cancellationToken);
                }

                return;
            }
            catch (DbException ex) when (attempt < Attempts && IsTransient(ex))
            {
                LogDatabaseNotReady(logger, attempt, Attempts, ex.Message);
                await Task.Delay(RetryDelay, time, cancellationToken);
            }
        }
    }

    private static bool IsTransient(DbException ex) =>
        ex is Npgsql.NpgsqlException { IsTransient: true } || ex.InnerException is System.Net.Sockets.SocketException;

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying {Count} catalog migration(s): {Migrations}")]
    private static partial void LogApplyingMigrations(ILogger logger, int count, string migrations);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Catalog database not reachable yet (attempt {Attempt} of {Attempts}): {Reason}")]
    private static partial void LogDatabaseNotReady(ILogger logger, int attempt, int attempts, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database:MigrateOnStartup is off; not applying migrations")]
    private static partial void LogMigrationsSkipped(ILogger logger);
}
