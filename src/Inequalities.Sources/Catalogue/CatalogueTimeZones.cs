using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Inequalities.Sources.Catalogue;

/// <summary>
/// IANA time zones as the catalogue (<c>defaults.time_zone</c>) and <c>run --time-zone</c> name them, resolved once
/// into a <see cref="TimeZoneInfo"/> from the system's time-zone database (tzdata on Linux; the tool runs with
/// invariant globalization, which leaves time zones alone).
/// </summary>
public static class CatalogueTimeZones
{
    /// <summary>What a valid time zone is, for messages.</summary>
    public const string Expected = "a known IANA time zone (e.g. Europe/London)";

    /// <summary>The default zone, <c>Europe/London</c>.</summary>
    public const string DefaultId = "Europe/London";

    /// <summary>Finds a time zone by its IANA id.</summary>
    /// <param name="id">The id, e.g. <c>Europe/London</c>.</param>
    /// <param name="timeZone">The zone, when the id is known.</param>
    /// <returns>Whether the id is a known time zone.</returns>
    public static bool TryFind(string? id, [NotNullWhen(true)] out TimeZoneInfo? timeZone)
    {
        timeZone = null;
        if (string.IsNullOrWhiteSpace(id))
        {
            return false;
        }

        try
        {
            timeZone = TimeZoneInfo.FindSystemTimeZoneById(id.Trim());
            return true;
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return false;
        }
    }
}

/// <summary>Writes a <see cref="TimeZoneInfo"/> as its id (e.g. <c>Europe/London</c>) and reads it back.</summary>
internal sealed class TimeZoneIdJsonConverter : JsonConverter<TimeZoneInfo>
{
    public override TimeZoneInfo? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetString() is { } id
            ? CatalogueTimeZones.TryFind(id, out var zone) ? zone : throw new JsonException($"'{id}' is not {CatalogueTimeZones.Expected}.")
            : null;

    public override void Write(Utf8JsonWriter writer, TimeZoneInfo value, JsonSerializerOptions options) => writer.WriteStringValue(value.Id);
}
