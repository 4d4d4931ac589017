using System.ComponentModel.DataAnnotations;

namespace ProductBrowser.Audit;

/// <summary>Bound from the <c>Audit</c> section.</summary>
public sealed class AuditOptions
{
    public const string SectionName = "Audit";

    /// <summary>
    /// How long audit events are kept; older ones are pruned every hour. At least a day: the database refuses to prune
    /// anything younger, whatever asks.
    /// </summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00", ErrorMessage = "Audit:Retention must be between 1 day and 3650 days.")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(365);
}
