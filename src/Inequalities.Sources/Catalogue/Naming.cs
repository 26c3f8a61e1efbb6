using System.Text;

namespace Inequalities.Sources.Catalogue;

/// <summary>snake_case names for enums as written in YAML and in the lake.</summary>
internal static class Naming
{
    public static string ToSnake(string pascal)
    {
        var sb = new StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            var c = pascal[i];
            if (char.IsUpper(c))
            {
                if (i > 0)
                {
                    sb.Append('_');
                }

                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    public static bool TryParseEnum<T>(string text, out T value)
        where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            var name = candidate.ToString();
            var squashed = text.Replace(".", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal);
            if (string.Equals(name, squashed, StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>A format as the catalogue spells it: csv, csv.gz, xlsx, zip, json, geojson.</summary>
    public static string FormatName(SourceFormat format) => format switch
    {
        SourceFormat.CsvGz => "csv.gz",
        _ => format.ToString().ToLowerInvariant(),
    };

    /// <summary>
    /// The file extension for a format (with the dot), as the raw cache and the sample mirror name files; an ArcGIS
    /// layer is stored as the GeoJSON it was assembled into.
    /// </summary>
    public static string FormatExtension(SourceFormat format) => "." + FormatName(format == SourceFormat.ArcGis ? SourceFormat.GeoJson : format);

    public static string Names<T>()
        where T : struct, Enum => string.Join(", ", Enum.GetValues<T>().Select(v => ToSnake(v.ToString())));
}
