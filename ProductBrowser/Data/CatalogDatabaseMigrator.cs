using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ProductBrowser.Data;

/// <summary>Applies the committed EF migrations. The schema is never created any other way.</summary>
public sealed partial class CatalogDatabaseMigrator(
    IDbContextFactory<CatalogDbContext> dbFactory,
    IOptions<CatalogDatabaseOptions> options,
    TimeProvider time,
    ILogger<CatalogDatabaseMigrator> logger)
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

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
                await EnsureDatabaseExistsAsync(cancellationToken);
                await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
                // With the history table in place first, migrating an empty database logs no failed query.
                await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
                await db.Database.MigrateAsync(cancellationToken);
                var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToList();
                LogSchemaVersion(logger, applied.LastOrDefault() ?? "(none)", applied.Count);
                return;
            }
            catch (DbException ex) when (attempt < options.Value.StartupAttempts && IsTransient(ex))
            {
                LogDatabaseNotReady(logger, attempt, options.Value.StartupAttempts, ex.Message);
                await Task.Delay(RetryDelay, time, cancellationToken);
            }
        }
    }

    /// <summary>
    /// Creates the catalog database on first start. EF would too, but only after logging a failed connection, which
    /// reads like an outage in a first-run log. Without access to the maintenance database, EF's path remains.
    /// </summary>
    private async Task EnsureDatabaseExistsAsync(CancellationToken cancellationToken)
    {
        var target = new NpgsqlConnectionStringBuilder(options.Value.ConnectionString);
        if (string.IsNullOrEmpty(target.Database))
        {
            return;
        }

        var maintenance = new NpgsqlConnectionStringBuilder(target.ConnectionString) { Database = "postgres", Pooling = false };
        try
        {
            await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection);
            exists.Parameters.Add(new NpgsqlParameter { Value = target.Database });
            if (await exists.ExecuteScalarAsync(cancellationToken) is null)
            {
                LogCreatingDatabase(logger, target.Database);
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{target.Database.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
                await create.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.InvalidCatalogName or PostgresErrorCodes.InvalidAuthorizationSpecification)
        {
            // No say over the maintenance database: the database is someone else's to create.
        }
    }

    private static bool IsTransient(DbException ex) =>
        ex is Npgsql.NpgsqlException { IsTransient: true } || ex.InnerException is System.Net.Sockets.SocketException;

    [LoggerMessage(Level = LogLevel.Information, Message = "Catalog schema is at {Migration} ({Count} migrations applied)")]
    private static partial void LogSchemaVersion(ILogger logger, string migration, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Catalog database not reachable yet (attempt {Attempt} of {Attempts}): {Reason}")]
    private static partial void LogDatabaseNotReady(ILogger logger, int attempt, int attempts, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Creating catalog database {Database}")]
    private static partial void LogCreatingDatabase(ILogger logger, string database);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database:MigrateOnStartup is off; not applying migrations")]
    private static partial void LogMigrationsSkipped(ILogger logger);
}
