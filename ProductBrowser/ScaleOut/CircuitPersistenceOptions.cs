using System.ComponentModel.DataAnnotations;

namespace ProductBrowser.ScaleOut;

/// <summary>Bound from the <c>Circuits</c> section.</summary>
public sealed class CircuitPersistenceOptions
{
    public const string SectionName = "Circuits";

    /// <summary>
    /// How long a stopping instance waits for its browsers to pause; within the host's shutdown timeout (30 s), and
    /// shorter than the orchestrator's grace period before it kills the process.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:00:25", ErrorMessage = "Circuits:ShutdownPauseTimeout must be between 1 and 25 seconds.")]
    public TimeSpan ShutdownPauseTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a persisted circuit can be resumed on any instance (kept in Redis).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00", ErrorMessage = "Circuits:PersistedRetention must be between 1 minute and 1 day.")]
    public TimeSpan PersistedRetention { get; set; } = TimeSpan.FromHours(2);
}
