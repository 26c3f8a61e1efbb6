using System.Globalization;

namespace Inequalities.Charts;

/// <summary>The words the charts write: readable ids, areas, deprivation bases and numbers.</summary>
internal static class ChartLabels
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>An id as words: <c>years_of_potential_life_lost</c> → <c>Years of potential life lost</c>.</summary>
    public static string Words(string id)
    {
        var text = id.Replace('_', ' ');
        return text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
    }

    /// <summary>A readable label of an area code.</summary>
    public static string Area(string areaCode, IReadOnlyDictionary<string, string> districtNames) => areaCode switch
    {
        ChartOptionsBase.LiverpoolCityRegion => "Liverpool City Region",
        LakeData.England => "England",
        _ => districtNames.TryGetValue(areaCode, out var n) ? n : areaCode,
    };

    /// <summary>A deprivation basis in words: <c>iod2019/income/national</c> → <c>IoD2019 income deprivation</c>.</summary>
    public static string Basis(string basis)
    {
        var parts = basis.Split('/');
        return parts.Length >= 2 ? $"{Index(parts[0])} {Domain(parts[1])}{(parts.Length > 2 && parts[2] == "local" ? " (local)" : string.Empty)}" : basis;
    }

    /// <summary>A basis with its LSOA vintage when it names one: <c>IoD2019 IMD on LSOA 2021</c>.</summary>
    public static string BasisWithVintage(string basis)
    {
        var parts = basis.Split('/');
        return parts.Length > 3 && parts[3].StartsWith("lsoa", StringComparison.Ordinal) ? $"{Basis(basis)} on LSOA {parts[3][4..]}" : Basis(basis);
    }

    /// <summary>An index id in words: <c>iod2019</c> → <c>IoD2019</c>.</summary>
    public static string Index(string index) => index.StartsWith("iod", StringComparison.Ordinal) ? "IoD" + index[3..] : index;

    /// <summary>A deprivation domain in words: <c>imd</c> → <c>IMD</c>, <c>income</c> → <c>income deprivation</c>.</summary>
    public static string Domain(string domain) => domain switch
    {
        "imd" => "IMD",
        "idaci" => "IDACI",
        "idaopi" => "IDAOPI",
        _ => Words(domain).ToLowerInvariant() + " deprivation",
    };

    /// <summary>The name of a quantile: quintile, decile, or n-quantile.</summary>
    public static string QuantileWord(int count) => count switch { 5 => "quintile", 10 => "decile", _ => $"{count}-quantile" };

    /// <summary>A number with a true minus sign (<c>n/a</c> for none).</summary>
    public static string F(double? value, string format = "0.0") => value is { } v ? v.ToString(format, Invariant).Replace('-', '−') : "n/a";

    /// <summary>A class bound with as many decimals as its size needs.</summary>
    public static string G(double value) => value.ToString(Math.Abs(value) >= 100 ? "0" : Math.Abs(value) >= 10 ? "0.0" : "0.00", Invariant);

    /// <summary>An integer in invariant culture.</summary>
    public static string N(int value) => value.ToString(Invariant);
}
