using System.Text.Json.Serialization;

namespace Inequalities.Sources.Fetch;

/// <summary>Source-generated JSON for the raw cache's meta.json.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(RawMeta))]
internal sealed partial class FetchJsonContext : JsonSerializerContext;
