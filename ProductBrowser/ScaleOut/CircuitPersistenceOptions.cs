using System.ComponentModel.DataAnnotations;

namespace ProductBrowser.ScaleOut;

/// <summary>Bound from the <c>Circuits</c> section.</summary>
public sealed class CircuitPersistenceOptions
{
    public const string SectionName = "Circuits";

    /// <summary>How long a persisted circuit can be resumed on any instance (kept in Redis).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00", ErrorMessage = "Circuits:PersistedRetention must be between 1 minute and 1 day.")]
    public TimeSpan PersistedRetention { get; set; } = TimeSpan.FromHours(2);
}
