using System.Text.Json.Serialization;

namespace ProductBrowser.Catalog;

/// <summary>Source-generated serialization for cache entries: no reflection on the hot path.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CachedProduct))]
[JsonSerializable(typeof(ProductBrowser.Catalog.Lookup.CachedCode))]
[JsonSerializable(typeof(ProductBrowser.Catalog.List.CachedRelated))]
internal sealed partial class CacheJsonContext : JsonSerializerContext;
