namespace ProductBrowser.ScaleOut;

/// <summary>Bound from the <c>Instance</c> section: what tells one app instance from another behind a load balancer.</summary>
public sealed class InstanceOptions
{
    public const string SectionName = "Instance";

    /// <summary>
    /// Sent as the <c>X-Instance</c> response header when set, so an operator (or a test) sees which instance served a
    /// page and holds its circuit. Empty by default: nothing about the host is disclosed.
    /// </summary>
    public string Name { get; set; } = "";
}
