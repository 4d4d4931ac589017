namespace ProductBrowser.Domain;

/// <summary>The words <see cref="AuditAction"/>s are stored as, in <c>audit_events.action</c>, in URLs and in SQL queries.</summary>
public static class AuditActions
{
    private static readonly Dictionary<AuditAction, string> Names = new()
    {
        [AuditAction.Create] = "create",
        [AuditAction.Edit] = "edit",
        [AuditAction.Delete] = "delete",
        [AuditAction.Evict] = "evict",
        [AuditAction.Warm] = "warm",
        [AuditAction.Flush] = "flush",
        [AuditAction.ResetCounters] = "reset-counters",
    };

    private static readonly Dictionary<string, AuditAction> ByName =
        Names.ToDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);

    public static IReadOnlyCollection<AuditAction> All => Names.Keys;

    public static string Name(AuditAction action) => Names[action];

    public static AuditAction Parse(string name) => ByName[name];

    public static AuditAction? TryParse(string? name) =>
        name is not null && ByName.TryGetValue(name, out var action) ? action : null;

    /// <summary>The CHECK constraint's list: every word the column may hold.</summary>
    public static string SqlList => string.Join(", ", Names.Values.Select(name => $"'{name}'"));
}
