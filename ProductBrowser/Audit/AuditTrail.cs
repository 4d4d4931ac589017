using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using ProductBrowser.Data;
using ProductBrowser.Domain;
using ProductBrowser.ScaleOut;

namespace ProductBrowser.Audit;

/// <summary>
/// Writes the audit trail (decision 14). Catalog writes are recorded by triggers in the writing transaction, so an
/// event exists exactly when the write committed; the app only marks its own transactions with who is writing
/// (<see cref="AttributeAsync(NpgsqlConnection, string, CancellationToken)"/>), and what the triggers see unmarked
/// was written outside the app. What touches only the cache (evict, warm, flush, counter reset) is recorded here.
/// Nothing in the app updates or deletes an event; the table refuses both.
/// </summary>
public sealed partial class AuditTrail(
    IDbContextFactory<CatalogDbContext> dbFactory,
    IOptions<InstanceOptions> instance,
    ILogger<AuditTrail> logger)
{
    /// <summary>Transaction-local setting naming the app's signed-in user; the triggers record a write without it as outside the app.</summary>
    public const string ActorSetting = "productbrowser.actor";

    /// <summary>Transaction-local setting naming the instance the write came from.</summary>
    public const string InstanceSetting = "productbrowser.instance";

    /// <summary>
    /// The actor of the demo catalog's bulk load. A space is not allowed in user names, so no user can be mistaken for it.
    /// </summary>
    public const string DemoCatalogActor = "demo catalog";

    /// <summary>What events from this process name as their instance: <c>Instance:Name</c>, else the host name.</summary>
    public string Instance { get; } = instance.Value.Name.Length > 0 ? instance.Value.Name : Environment.MachineName;

    /// <summary>
    /// Marks the connection's open transaction as the app's, done by <paramref name="actor"/> on this instance: the
    /// catalog's triggers record its writes under that name. Lasts until the transaction ends.
    /// </summary>
    public async Task AttributeAsync(NpgsqlConnection connection, string actor, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        await using var command = new NpgsqlCommand(
            $"SELECT set_config('{ActorSetting}', $1, true), set_config('{InstanceSetting}', $2, true)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = actor });
        command.Parameters.Add(new NpgsqlParameter { Value = Instance });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc cref="AttributeAsync(NpgsqlConnection, string, CancellationToken)"/>
    public Task AttributeAsync(CatalogDbContext db, string actor, CancellationToken cancellationToken) =>
        AttributeAsync((NpgsqlConnection)db.Database.GetDbConnection(), actor, cancellationToken);

    /// <summary>Records something an admin did to the cache. Throws when PostgreSQL does not answer.</summary>
    public async Task RecordAsync(
        string actor, AuditAction action, Guid? productId = null, string? sku = null, string? detail = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.AuditEvents.Add(new AuditRecord
        {
            Actor = actor,
            Instance = Instance,
            Action = action,
            ProductId = productId,
            Sku = sku,
            Detail = detail,
        });
        await db.SaveChangesAsync(cancellationToken);
        LogRecorded(logger, actor, AuditActions.Name(action), sku ?? productId?.ToString() ?? "", detail ?? "", Instance);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit: {Actor} {Action} {Product} {Detail} on {Instance}")]
    private static partial void LogRecorded(ILogger logger, string actor, string action, string product, string detail, string instance);
}
