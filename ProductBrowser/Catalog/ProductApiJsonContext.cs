using System.Text.Json;
using System.Text.Json.Serialization;

namespace ProductBrowser.Catalog;

/// <summary>Source-generated JSON for <c>/api/products/{id}</c>, with the web defaults (camelCase, nulls written).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ProductDetails))]
internal sealed partial class ProductApiJsonContext : JsonSerializerContext;
