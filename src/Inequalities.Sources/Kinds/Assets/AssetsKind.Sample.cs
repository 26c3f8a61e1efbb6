using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Sample;
using static Inequalities.Sources.Sample.SampleValues;

namespace Inequalities.Sources.Kinds;

/// <content>The kind's rows in the sample mirror.</content>
internal sealed partial class AssetsKind : ISampleKind
{
    public void Sample(SourceDefinition source, SampleGeography geo, Random random, SampleTable table) => Assets(source, geo, random, table);

    private static void Assets(SourceDefinition source, SampleGeography geo, Random random, SampleTable table)
    {
        var live = geo.Postcodes.Where(p => p.Terminated is null).ToList();
        var hasPostcode = source.Columns.ContainsKey("postcode");

        // With a linked_id column every sixth asset is a linked entry of the one before (the same id, linked number 1).
        var hasLinked = source.Columns.ContainsKey("linked_id");
        var hasPoint = source.Columns.ContainsKey("latitude") && source.Columns.ContainsKey("longitude");
        var filterField = source.Options.Assets.FilterField;
        var filterValue = source.Options.Assets.FilterValue;
        var category = source.Options.Assets.Category ?? "community";
        string[] kinds = ["Community Pantry", "Youth Hub", "Bike Repair Co-op", "Credit Union", "Community Garden", "Arts Space"];

        // Co-operatives UK's own layout (a registrar column): Live and Dead, its sectors and SIC codes.
        var coops = source.Columns.ContainsKey("registrar");
        string[] sectors = ["Housing", "Finance", "Membership associations, social clubs and trade unions", "Sports and Recreation", "Retail", "Agriculture"];
        string[] sics = ["UKSIC07-6820", "UKSIC07-6499", "UKSIC07-9499", "UKSIC07-9312", "UKSIC07-4711", "UKSIC07-0111"];
        for (var i = 0; i < 18; i++)
        {
            var pc = live[random.Next(live.Count)];
            var number = i + 1;

            // Every third asset has coordinates only, every third a postcode only (when both are mapped).
            var withPostcode = hasPostcode && (!hasPoint || i % 3 != 1);
            var withPoint = hasPoint && (!hasPostcode || i % 3 != 2);
            var lat = pc.Piece.South + ((pc.Piece.North - pc.Piece.South) * (0.1 + (0.8 * random.NextDouble())));
            var lon = pc.Piece.West + ((pc.Piece.East - pc.Piece.West) * (0.1 + (0.8 * random.NextDouble())));
            var removed = i % 9 == 8;
            table.Add(
                c =>
                {
                    if (filterField is not null && c == filterField)
                    {
                        return i % 4 == 3 ? "Private Limited Company" : filterValue;
                    }

                    return c switch
                    {
                        "asset_id" => I(9_900_000 + (hasLinked && i % 6 == 5 ? number - 1 : number)),
                        "linked_id" => hasLinked && i % 6 == 5 ? "1" : "0",
                        "name" => $"Sample {kinds[i % kinds.Length]} {number} (fictitious)",
                        "category" => category,
                        "postcode" => withPostcode ? pc.Postcode : string.Empty,
                        "latitude" => withPoint ? F(lat, 6) : string.Empty,
                        "longitude" => withPoint ? F(lon, 6) : string.Empty,
                        "status" => coops ? (removed ? "Dead" : "Live") : removed ? "Removed" : "Registered",
                        "removed" => removed ? "2022-03-31" : string.Empty,
                        "address" => $"{number} Sample Street",
                        "url" => $"https://example.org/sample/{number}",
                        "lsoa_code" => pc.Piece.Lsoa21.Code,
                        "company_type" => coops ? (i % 5 == 4 ? "Company" : "Society") : category,
                        "activity" => coops ? sectors[i % sectors.Length] : "Community services for local residents",
                        "sic_code" => sics[i % sics.Length],
                        "activity_code" => "https://dev.lod.coop/essglobal/2.1/standard/activities-ica/ICA210",
                        "structure" => "https://dev.lod.coop/essglobal/2.1/standard/organisational-structure/OS130",

                        // Every third organisation has a Companies House number (the same in every register, so
                        // registers that both list it merge it); in Co-operatives UK's layout only those Companies
                        // House registers.
                        "company_number" => number % 3 == 0 ? I(9_900_000 + number).PadLeft(8, '0') : string.Empty,
                        "registered_number" => number % 3 == 0 ? I(9_900_000 + number).PadLeft(8, '0') : I(20_000 + number) + "R",
                        "registrar" => number % 3 == 0 ? "Companies House" : "FCA",
                        _ => null,
                    };
                },
                withPoint ? new SampleGeometry(lon, lat, lon, lat) : null);
        }
    }
}
