using System.Text.Json;
using System.Text.Json.Serialization;

namespace ProductBrowser.Catalog;

/// <summary>
/// Source-generated JSON for <c>/api/products/{id}</c>, with the web defaults (camelCase, nulls written) and enums by
/// name (<c>"unitOfMeasure": "Each"</c>), so a client never depends on an enum's order.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(ProductDetails))]
internal sealed partial class ProductApiJsonContext : JsonSerializerContext;
