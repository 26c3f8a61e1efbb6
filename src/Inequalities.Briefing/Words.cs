using System.Globalization;

namespace Inequalities.Briefing;

/// <summary>How the briefing writes numbers, dates, indicators and deprivation bases.</summary>
internal static class Words
{
    /// <summary>The minus sign the page prints (U+2212), so a negative number never breaks at a hyphen.</summary>
    public const char Minus = '\u2212';

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A number to one decimal place with thousands separators, e.g. <c>1,207.3</c>, <c>−2.1</c>.</summary>
    public static string Number(double value) => Signed((Math.Round(value, 1, MidpointRounding.AwayFromZero) + 0.0).ToString("#,##0.0", Invariant));

    /// <summary>A whole number with thousands separators.</summary>
    public static string Whole(double value) => Signed((Math.Round(value, MidpointRounding.AwayFromZero) + 0.0).ToString("#,##0", Invariant));

    /// <summary>The text with its first letter in upper case.</summary>
    public static string Capital(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    /// <summary>A date as 1 December 2026.</summary>
    public static string Date(DateTimeOffset value) => value.UtcDateTime.ToString("d MMMM yyyy", Invariant);

    /// <summary>Reads back a number the page printed (for tests and checks): the U+2212 minus and separators undone.</summary>
    public static double Parse(string text) =>
        double.Parse(text.Replace(Minus, '-').Replace(",", string.Empty, StringComparison.Ordinal), NumberStyles.Float, Invariant);

    /// <summary>An indicator in words: the lake's indicator_name when it reads as words, else its id with spaces.</summary>
    public static string Indicator(string id, string? name)
    {
        if (name is not null && name.Contains(' ', StringComparison.Ordinal) && !name.Contains('_', StringComparison.Ordinal))
        {
            return name;
        }

        var words = id.Replace('_', ' ').Trim();
        return words.Length == 0 ? id : char.ToUpperInvariant(words[0]) + words[1..];
    }

    /// <summary>A deprivation basis in words, e.g. <c>iod2025/imd/national</c> → "IoD2025 IMD, national deciles".</summary>
    public static string Basis(string basis, int quantiles)
    {
        var parts = basis.Split('/');
        var index = Index(parts[0]);
        var domain = parts.Length > 1 ? (parts[1] == "imd" ? "IMD" : $"{parts[1].Replace('_', ' ')} domain") : "IMD";
        var unit = quantiles == 5 ? "quintiles" : quantiles == 10 ? "deciles" : $"{quantiles} quantiles";
        var ranking = parts.Length > 2 && parts[2] == "local" ? $"{unit} within the area" : $"national {unit}";
        var vintage = parts.Length > 3 && parts[3].StartsWith("lsoa", StringComparison.Ordinal) ? $", carried to {parts[3][4..]} LSOAs" : string.Empty;
        return $"{index} {domain}, {ranking}{vintage}";
    }

    /// <summary>An index id as written, e.g. <c>iod2025</c> → IoD2025.</summary>
    public static string Index(string id) => id.StartsWith("iod", StringComparison.Ordinal) ? "IoD" + id[3..] : id.ToUpperInvariant();

    /// <summary>A gradient method in words.</summary>
    public static string Method(string method) => method == "lsoa"
        ? "LSOA method (weighted regression on each neighbourhood's own value)"
        : "quantile method (OHID slope index over deprivation deciles)";

    /// <summary>The lake's reason for a null slope index, in words.</summary>
    public static string Reason(string? reason) => reason switch
    {
        "missing_quantile" => "a deprivation decile has no neighbourhood with a value in the area",
        "zero_population" => "a decile's neighbourhoods have no population",
        "no_standard_error" => "a decile has no standard error",
        "no_variation" => "every neighbourhood has the same value",
        "too_few_lsoas" => "fewer than 10 neighbourhoods have a value",
        null or "" => "the lake gives no value and no reason",
        _ => reason.Replace('_', ' '),
    };

    private static string Signed(string formatted) => formatted.StartsWith('-') ? Minus + formatted[1..] : formatted;
}
