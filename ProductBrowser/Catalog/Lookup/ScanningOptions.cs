using System.ComponentModel.DataAnnotations;

namespace ProductBrowser.Catalog.Lookup;

/// <summary>How the lookup screen recognises a scan (section <c>Scanning</c>).</summary>
public sealed class ScanningOptions
{
    public const string SectionName = "Scanning";

    /// <summary>
    /// Characters a scanner is configured to send after each code, besides Enter and Tab (which always end a scan);
    /// empty for none. The suffix is not part of the code.
    /// </summary>
    [StringLength(8, ErrorMessage = "Scanning:Suffix must be at most 8 characters.")]
    public string Suffix { get; set; } = "";

    /// <summary>
    /// The same scan again within this time is one lookup (a double read); measured on the device, so network delay
    /// never merges or splits repeats. Zero turns it off.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:05", ErrorMessage = "Scanning:DuplicateWindow must be between 0 and 5 seconds.")]
    public TimeSpan DuplicateWindow { get; set; } = TimeSpan.FromMilliseconds(300);
}
