using System.Text.Json;
using System.Text.Json.Serialization;

namespace ProductBrowser.Catalog.Changes;

/// <summary>The JSON the database trigger sends on the <c>product_changes</c> channel.</summary>
internal sealed record ProductChangePayload(
    [property: JsonPropertyName("id")] Guid? Id,
    [property: JsonPropertyName("codes")] string?[]? Codes,
    [property: JsonPropertyName("all")] bool All)
{
    public const string Channel = "product_changes";

    public static ProductChange? Parse(string payload)
    {
        try
        {
            var parsed = JsonSerializer.Deserialize(payload, ChangeJsonContext.Default.ProductChangePayload);
            return parsed switch
            {
                null => null,
                { All: true } => ProductChange.Everything,
                { Id: { } id } => new ProductChange(id, [.. (parsed.Codes ?? []).OfType<string>().Distinct()]),
                _ => null,
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

[JsonSerializable(typeof(ProductChangePayload))]
internal sealed partial class ChangeJsonContext : JsonSerializerContext;
