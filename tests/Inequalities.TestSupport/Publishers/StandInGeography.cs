using System.Globalization;

namespace Inequalities.TestSupport.Publishers;

/// <summary>One LSOA 2021 of England and Wales with what the shared lookups give it.</summary>
internal sealed record Lsoa21(string Code, string Name, string WardCode, string WardName, string Lad24Code, string Lad24Name, string Lad22Code, string Lad22Name, string MsoaCode, string MsoaName);

/// <summary>One LSOA 2011 of England and Wales with its MSOA 2011 and a district.</summary>
internal sealed record Lsoa11(string Code, string Name, string MsoaCode, string MsoaName, string LadCode, string LadName);

/// <summary>
/// The national geography the stand-in files are built from, read once from ../shared/data: LSOA 2021 with ward and
/// LAD 2024 (the ONS best-fit lookup), LAD 2022 (the LSOA 2011 to 2021 lookup) and MSOA 2021 (derived from the LSOA
/// name as the shared LCR file was: the name without its final letter is the MSOA's name, whose code the ONS MSOA 2011
/// to 2021 lookup gives); LSOA 2011 with MSOA 2011 (the ONS lookup) and the LAD 2022 of its 2021 successor.
/// </summary>
internal sealed class StandInGeography
{
    private StandInGeography(IReadOnlyList<Lsoa21> lsoa21, IReadOnlyList<Lsoa11> lsoa11, int syntheticMsoas)
    {
        Lsoa21 = lsoa21;
        Lsoa11 = lsoa11;
        SyntheticMsoaCodes = syntheticMsoas;
    }

    /// <summary>Every LSOA 2021 (England and Wales, 35,672), in the ward lookup's order.</summary>
    public IReadOnlyList<Lsoa21> Lsoa21 { get; }

    /// <summary>Every LSOA 2011 (England and Wales, 34,753).</summary>
    public IReadOnlyList<Lsoa11> Lsoa11 { get; }

    /// <summary>How many MSOA 2021 names had no code in the shared MSOA lookup and were given a synthetic E029xxxxx/W029xxxxx code.</summary>
    public int SyntheticMsoaCodes { get; }

    public static StandInGeography Load()
    {
        var ward = SharedTable.Read("lookup_lsoa21_ward24_ltla24_EW.csv.gz");
        var changes = SharedTable.Read("lookup_lsoa11_lsoa21_ltla22_EW.csv.gz");
        var msoa = SharedTable.Read("lookup_msoa11_msoa21_ltla22_EW.csv.gz");
        var msoa11 = SharedTable.Read("lookup_lsoa11_msoa11_EW.csv.gz");

        var msoaCodes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in msoa.Rows)
        {
            msoaCodes.TryAdd(row[msoa["msoa21_name"]], row[msoa["msoa21_code"]]);
        }

        var lad22By21 = changes.By("lsoa21_code");
        var lad22By11 = changes.By("lsoa11_code");
        var synthetic = 0;
        var list21 = new List<Lsoa21>(ward.Rows.Count);
        foreach (var row in ward.Rows)
        {
            var code = row[ward["lsoa21_code"]];
            var name = row[ward["lsoa21_name"]];
            var msoaName = name[..^1];
            if (!msoaCodes.TryGetValue(msoaName, out var msoaCode))
            {
                synthetic++;
                msoaCode = string.Create(CultureInfo.InvariantCulture, $"{code[0]}029{synthetic:D5}");
                msoaCodes[msoaName] = msoaCode;
            }

            var lad22 = lad22By21.TryGetValue(code, out var c) ? c : null;
            list21.Add(new Lsoa21(
                code, name, row[ward["ward24_code"]], row[ward["ward24_name"]], row[ward["ltla24_code"]], row[ward["ltla24_name"]],
                lad22?[changes["ltla22_code"]] ?? row[ward["ltla24_code"]], lad22?[changes["ltla22_name"]] ?? row[ward["ltla24_name"]],
                msoaCode, msoaName));
        }

        var list11 = new List<Lsoa11>(msoa11.Rows.Count);
        foreach (var row in msoa11.Rows)
        {
            var code = row[msoa11["lsoa11_code"]];
            var lad = lad22By11.TryGetValue(code, out var c) ? c : null;
            list11.Add(new Lsoa11(
                code, row[msoa11["lsoa11_name"]], row[msoa11["msoa11_code"]], row[msoa11["msoa11_name"]],
                lad?[changes["ltla22_code"]] ?? string.Empty, lad?[changes["ltla22_name"]] ?? string.Empty));
        }

        return new StandInGeography(list21, list11, synthetic);
    }

    /// <summary>A synthetic output-area code for the <paramref name="n"/>th output area of a country's LSOAs (E00/W00 and six digits).</summary>
    public static string OutputAreaCode(string lsoaCode, int n) =>
        string.Create(CultureInfo.InvariantCulture, $"{lsoaCode[0]}00{n:D6}");
}
