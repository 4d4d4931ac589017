using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ProductBrowser.Catalog.List;

/// <summary>
/// The edge row of a page, as the values of its sort key, carried in the URL as an opaque token. A token that does not
/// decode, or belongs to another sort, is ignored (the first page is shown), never an error.
/// </summary>
public sealed record ProductCursor(ProductSort Sort, string[] Values)
{
    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(Values.Prepend(Sort.ToString()).ToArray(), CursorJsonContext.Default.StringArray)));

    public static ProductCursor? Decode(string? token, ProductSort expectedSort, int expectedValues)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 2_000)
        {
            return null;
        }

        try
        {
            var parts = JsonSerializer.Deserialize(Base64Url.DecodeFromChars(token), CursorJsonContext.Default.StringArray);
            if (parts is null || parts.Length != expectedValues + 1 || parts.Any(p => p is null)
                || !Enum.TryParse<ProductSort>(parts[0], out var sort) || sort != expectedSort)
            {
                return null;
            }

            return new ProductCursor(sort, parts[1..]);
        }
        catch (Exception ex) when (ex is FormatException or JsonException or ArgumentException)
        {
            return null;
        }
    }

    public Guid? GuidAt(int index) => Guid.TryParse(Values[index], out var value) ? value : null;

    public string StringAt(int index) => Values[index];

    public int? IntAt(int index) =>
        int.TryParse(Values[index], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    public decimal? DecimalAt(int index) =>
        decimal.TryParse(Values[index], NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : null;

    public DateTimeOffset? TimestampAt(int index) =>
        DateTimeOffset.TryParse(Values[index], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var value) ? value : null;
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string[]))]
internal sealed partial class CursorJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
