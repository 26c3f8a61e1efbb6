using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Sample;
using static Inequalities.Sources.Sample.SampleValues;

namespace Inequalities.Sources.Kinds;

/// <content>The kind's rows in the sample mirror.</content>
internal sealed partial class LookupKind : ISampleKind
{
    public void Sample(SourceDefinition source, SampleGeography geo, Random random, SampleTable table) => Lookup(source, geo, table);

    private static void Lookup(SourceDefinition source, SampleGeography geo, SampleTable table)
    {
        var areaKeys = source.Columns.Keys
            .Where(k => k.EndsWith("_code", StringComparison.Ordinal) && k != "change_code")
            .Select(k => k[..^5])
            .ToList();
        var hasChange = source.Columns.ContainsKey("change_code");
        var lsoaKeys = areaKeys.Where(k => Area(k) == "lsoa").ToList();
        var fallback = VintageOf(source);

        if (hasChange || lsoaKeys.Select(k => VintageOfKey(k, fallback)).Distinct().Count() > 1)
        {
            foreach (var piece in geo.Pieces)
            {
                table.Add(c => LookupValue(c, fallback, piece.Lsoa11, piece.Lsoa21, piece.ChangeCode, geo));
            }

            return;
        }

        var finest = areaKeys.Select(Area).OrderBy(Fineness).FirstOrDefault() ?? "lad";
        var areas = finest switch
        {
            "lsoa" => lsoaKeys.Count > 0 && VintageOfKey(lsoaKeys[0], fallback) == 2021 ? geo.Lsoa21 : geo.Lsoa11,
            "msoa" => geo.Msoa,
            "ward" => geo.Wards,
            "cauth" => [CombinedAuthority(geo)],
            "region" => [CombinedAuthority(geo)],
            _ when Fineness(finest) <= 1 => geo.Lsoa21,
            _ => LadAreas(geo),
        };
        foreach (var area in areas)
        {
            table.Add(c => LookupValue(c, fallback, area, area, "U", geo));
        }
    }

    private static string Area(string key)
    {
        var letters = new string(key.TakeWhile(char.IsLetter).ToArray());
        return letters switch
        {
            "ltla" or "lad" or "la" or "utla" => "lad",
            "wd" or "ward" => "ward",
            "rgn" or "region" => "region",
            "cauth" or "ca" => "cauth",
            _ => letters,
        };
    }

    private static int Fineness(string area) => area switch
    {
        "lsoa" => 0,
        "msoa" => 2,
        "ward" => 3,
        "lad" => 4,
        "cauth" => 5,
        "region" => 6,
        _ => 1, // an attribute of an LSOA (ICB, RUC, ...)
    };

    private static int VintageOfKey(string key, int fallback)
    {
        var digits = new string(key.SkipWhile(char.IsLetter).TakeWhile(char.IsDigit).ToArray());
        return digits.Length == 2 ? 2000 + int.Parse(digits, Inv) : fallback;
    }

    private static string? LookupValue(string canonical, int fallback, SampleArea lsoa11, SampleArea lsoa21, string change, SampleGeography geo)
    {
        if (canonical == "change_code")
        {
            return change;
        }

        var underscore = canonical.LastIndexOf('_');
        if (underscore < 0)
        {
            return null;
        }

        var key = canonical[..underscore];
        var isCode = canonical.EndsWith("_code", StringComparison.Ordinal);
        var area = VintageOfKey(key, fallback) == 2011 && Area(key) == "lsoa" ? lsoa11 : lsoa21;
        var msoa = geo.Msoa.FirstOrDefault(m => m.Code == area.MsoaCode);
        return Area(key) switch
        {
            "lsoa" => isCode ? area.Code : area.Name,
            "msoa" => isCode ? area.MsoaCode ?? msoa?.Code ?? area.Code : area.MsoaName ?? area.Name,
            "ward" => isCode ? area.WardCode ?? area.Code : area.WardName ?? area.Name,
            "lad" => isCode ? area.Lad.Code : area.Lad.Name,
            "cauth" => isCode ? SampleGeography.CombinedAuthorityCode : SampleGeography.CombinedAuthorityName,
            "region" => isCode ? SampleGeography.RegionCode : SampleGeography.RegionName,
            "ruc" => isCode ? (area.Lad.Index % 3 == 2 ? "UF1" : "UN1") : (area.Lad.Index % 3 == 2 ? "Urban: Further from a major town or city" : "Urban: Nearer to a major town or city"),
            "icb" => isCode ? "E54999001" : "Sample Integrated Care Board",
            "sicbl" => isCode ? "E38999001" : "Sample sub-ICB location",
            var other => isCode
                ? SampleGeography.Gss("E99", 990000 + area.Lad.Index)
                : $"Sample {other} {area.Lad.Name}",
        };
    }
}
