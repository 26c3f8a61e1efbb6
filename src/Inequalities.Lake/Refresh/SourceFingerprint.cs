using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Inequalities.Sources.Catalogue;

namespace Inequalities.Lake.Refresh;

/// <summary>
/// A SHA-256 over the parts of a catalogue entry that decide what its file parses into (kind, format, sheet, member,
/// geography, vintage, period, columns, options, indicator metadata) and what the manifest says about it (publisher, licence). Two runs
/// with the same file bytes and the same fingerprint produce the same parsed data. Where the file is read from, its
/// schedule, size limit and description are left out: they do not change the parse.
/// </summary>
internal static class SourceFingerprint
{
    public static string Of(SourceDefinition source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var text = new StringBuilder();
        void Field(string name, string? value) =>
            text.Append(name).Append('=').Append(value?.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) ?? "\\0").Append('\n');

        Field("id", source.Id);
        Field("kind", source.Kind.ToString());
        Field("format", source.Format.ToString());
        Field("sheet", source.Sheet);
        Field("member", source.Member);
        Field("member_format", source.MemberFormat?.ToString());
        Field("geography", source.Geography.ToString());
        Field("vintage", source.Vintage?.ToString(CultureInfo.InvariantCulture));
        Field("period", source.Period);
        Field("publisher", source.Publisher);
        Field("licence", source.Licence);
        Field("alternative_to", source.AlternativeTo);
        foreach (var key in source.Columns.Keys.Order(StringComparer.Ordinal))
        {
            // One header reads as before; a list of accepted headers (aliases) joins them, so adding an alias re-parses.
            Field("columns." + key, string.Join("\u001f", source.AcceptedHeaders(key)));
        }

        foreach (var (key, value) in source.OptionText.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            Field("options." + key, value);
        }

        // Indicator metadata decides the gradient tables' RII and wording, so a change to it publishes a new snapshot.
        if (source.IndicatorMetadata is { } metadata)
        {
            void Metadata(string name, IndicatorMetadata? m) => Field(
                name,
                m is null ? null : string.Join('|', m.PolarityName, m.ValueKindName, m.Unit, m.Multiplier?.ToString("R", CultureInfo.InvariantCulture)));
            Metadata("indicator", metadata.Default);
            foreach (var (key, value) in metadata.Entries)
            {
                Metadata("indicators." + key, value);
            }
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
