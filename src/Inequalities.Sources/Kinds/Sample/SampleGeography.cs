using System.Globalization;

namespace Inequalities.Sources.Sample;

/// <summary>One area of the synthetic geography, with the areas it falls in and its bounding rectangle (WGS84).</summary>
internal sealed record SampleArea(
    string Code,
    string Name,
    SampleLad Lad,
    double West,
    double South,
    double East,
    double North)
{
    public string? MsoaCode { get; init; }

    public string? MsoaName { get; init; }

    public string? WardCode { get; init; }

    public string? WardName { get; init; }

    public int Population { get; init; }

    public double CentreLongitude => (West + East) / 2;

    public double CentreLatitude => (South + North) / 2;
}

/// <summary>A real LCR local authority district with its synthetic extent.</summary>
internal sealed record SampleLad(string Code, string Name, int Index, double West, double South, double East, double North);

/// <summary>One row of the synthetic LSOA 2011 to LSOA 2021 lookup: a piece of land with its population.</summary>
internal sealed record SamplePiece(SampleArea Lsoa11, SampleArea Lsoa21, string ChangeCode, int Population, double West, double South, double East, double North);

/// <summary>A synthetic postcode inside one piece.</summary>
internal sealed record SamplePostcode(string Postcode, SamplePiece Piece, double Latitude, double Longitude, string Introduced, string? Terminated);

/// <summary>
/// The synthetic geography behind the sample mirror: the six real Liverpool City Region districts, each with eight
/// synthetic LSOAs (2011) in a 4 x 2 grid of non-overlapping rectangles, two MSOAs (one per grid row) and two wards,
/// and a 2011 to 2021 change covering unchanged (U), split (S), merged (M) and redesigned (X) LSOAs. Codes use
/// unused ranges (E0199xxxx LSOA 2011, E0198xxxx new LSOA 2021, E0299xxxx MSOA, E0599xxxx ward), so they are valid
/// GSS codes that can never clash with a real area. Populations are defined per piece, so LSOA 2011 and LSOA 2021
/// totals agree.
/// </summary>
internal sealed class SampleGeography
{
    public const string CombinedAuthorityCode = "E47000004";
    public const string CombinedAuthorityName = "Liverpool City Region";
    public const string RegionCode = "E12000002";
    public const string RegionName = "North West";
    public const string EnglandCode = "E92000001";

    private const double CellWidth = 0.02;
    private const double CellHeight = 0.015;

    private static readonly (string Code, string Name, string Outward)[] LadSeeds =
    [
        ("E06000006", "Halton", "WA7"),
        ("E08000011", "Knowsley", "L36"),
        ("E08000012", "Liverpool", "L8"),
        ("E08000013", "St Helens", "WA9"),
        ("E08000014", "Sefton", "L20"),
        ("E08000015", "Wirral", "CH41"),
    ];

    private SampleGeography(
        IReadOnlyList<SampleLad> lads,
        IReadOnlyList<SampleArea> lsoa11,
        IReadOnlyList<SampleArea> lsoa21,
        IReadOnlyList<SampleArea> msoa,
        IReadOnlyList<SampleArea> wards,
        IReadOnlyList<SamplePiece> pieces,
        IReadOnlyList<SamplePostcode> postcodes)
    {
        Lads = lads;
        Lsoa11 = lsoa11;
        Lsoa21 = lsoa21;
        Msoa = msoa;
        Wards = wards;
        Pieces = pieces;
        Postcodes = postcodes;
    }

    public IReadOnlyList<SampleLad> Lads { get; }

    public IReadOnlyList<SampleArea> Lsoa11 { get; }

    public IReadOnlyList<SampleArea> Lsoa21 { get; }

    public IReadOnlyList<SampleArea> Msoa { get; }

    public IReadOnlyList<SampleArea> Wards { get; }

    public IReadOnlyList<SamplePiece> Pieces { get; }

    public IReadOnlyList<SamplePostcode> Postcodes { get; }

    public int TotalPopulation => Pieces.Sum(p => p.Population);

    public static SampleGeography Create(int seed)
    {
        var random = new Random(seed);
        var lads = new List<SampleLad>();
        var lsoa11 = new List<SampleArea>();
        var lsoa21 = new List<SampleArea>();
        var msoas = new List<SampleArea>();
        var wards = new List<SampleArea>();
        var pieces = new List<SamplePiece>();
        var postcodes = new List<SamplePostcode>();
        var next11 = 1;
        var next21 = 1;
        var nextMsoa = 1;
        var nextWard = 1;

        for (var l = 0; l < LadSeeds.Length; l++)
        {
            var (code, name, outward) = LadSeeds[l];
            var west = -3.10 + (l % 3 * 0.10);
            var south = 53.30 + (l / 3 * 0.06);
            var lad = new SampleLad(code, name, l, west, south, west + (4 * CellWidth), south + (2 * CellHeight));
            lads.Add(lad);

            var rowMsoa = new (string Code, string Name)[2];
            var rowWard = new (string Code, string Name)[2];
            for (var row = 0; row < 2; row++)
            {
                rowMsoa[row] = (Gss("E02", 990000 + nextMsoa++), $"{name} {901 + row}");
                rowWard[row] = (Gss("E05", 990000 + nextWard++), $"{name} Sample Ward {row + 1}");
                msoas.Add(new SampleArea(rowMsoa[row].Code, rowMsoa[row].Name, lad, west, south + (row * CellHeight), west + (4 * CellWidth), south + ((row + 1) * CellHeight))
                {
                    WardCode = rowWard[row].Code,
                    WardName = rowWard[row].Name,
                });
            }

            var cells = new SampleArea[8];
            for (var i = 0; i < 8; i++)
            {
                var row = i / 4;
                var col = i % 4;
                var w = west + (col * CellWidth);
                var s = south + (row * CellHeight);
                var letter = (char)('A' + (i % 4));
                cells[i] = new SampleArea(Gss("E01", 990000 + next11++), $"{name} {901 + row}{letter}", lad, w, s, w + CellWidth, s + CellHeight)
                {
                    MsoaCode = rowMsoa[row].Code,
                    MsoaName = rowMsoa[row].Name,
                    WardCode = rowWard[row].Code,
                    WardName = rowWard[row].Name,
                };
            }

            // Cell 0 splits (S), cells 1 and 2 merge (M), cell 3 is redesigned in one district (X), the rest are unchanged (U).
            var ladPieces = new List<SamplePiece>();
            for (var i = 0; i < 8; i++)
            {
                var c = cells[i];
                var pop = random.Next(1300, 2400);
                if (i == 0)
                {
                    var mid = (c.West + c.East) / 2;
                    var a = New21(c, $"{name} {901}E", c.West, c.South, mid, c.North, ref next21);
                    var b = New21(c, $"{name} {901}F", mid, c.South, c.East, c.North, ref next21);
                    var popA = pop / 2;
                    ladPieces.Add(new SamplePiece(c, a, "S", popA, a.West, a.South, a.East, a.North));
                    ladPieces.Add(new SamplePiece(c, b, "S", pop - popA, b.West, b.South, b.East, b.North));
                }
                else if (i == 1)
                {
                    var other = cells[2];
                    var merged = New21(c, $"{name} {901}G", c.West, c.South, other.East, other.North, ref next21);
                    ladPieces.Add(new SamplePiece(c, merged, "M", pop / 2, c.West, c.South, c.East, c.North));
                    ladPieces.Add(new SamplePiece(other, merged, "M", pop - (pop / 2), other.West, other.South, other.East, other.North));
                }
                else if (i == 2)
                {
                    continue;
                }
                else if (i == 3 && l % 2 == 0)
                {
                    var redesigned = New21(c, $"{name} {901}H", c.West, c.South, c.East, c.North, ref next21);
                    ladPieces.Add(new SamplePiece(c, redesigned, "X", pop, c.West, c.South, c.East, c.North));
                }
                else
                {
                    ladPieces.Add(new SamplePiece(c, c, "U", pop, c.West, c.South, c.East, c.North));
                }
            }

            foreach (var cell in cells)
            {
                lsoa11.Add(cell with { Population = ladPieces.Where(p => p.Lsoa11.Code == cell.Code).Sum(p => p.Population) });
            }

            foreach (var area in ladPieces.Select(p => p.Lsoa21).DistinctBy(a => a.Code))
            {
                lsoa21.Add(area with { Population = ladPieces.Where(p => p.Lsoa21.Code == area.Code).Sum(p => p.Population) });
            }

            pieces.AddRange(ladPieces);
            var n = 0;
            foreach (var piece in ladPieces)
            {
                for (var k = 0; k < 3; k++, n++)
                {
                    var lat = piece.South + ((piece.North - piece.South) * (0.2 + (0.3 * k)));
                    var lon = piece.West + ((piece.East - piece.West) * (0.25 + (0.25 * k)));
                    var inward = string.Create(CultureInfo.InvariantCulture, $"9{(char)('A' + (n / 26 % 26))}{(char)('A' + (n % 26))}");
                    var terminated = n % 5 == 4 ? "202106" : null;
                    postcodes.Add(new SamplePostcode($"{outward} {inward}", piece, Math.Round(lat, 6), Math.Round(lon, 6), "199801", terminated));
                }
            }

            foreach (var ward in rowWard)
            {
                var members = lsoa21.Where(a => a.WardCode == ward.Code).ToList();
                wards.Add(new SampleArea(ward.Code, ward.Name, lad, members.Min(a => a.West), members.Min(a => a.South), members.Max(a => a.East), members.Max(a => a.North))
                {
                    Population = members.Sum(a => a.Population),
                });
            }
        }

        msoas = msoas.Select(m => m with { Population = lsoa11.Where(a => a.MsoaCode == m.Code).Sum(a => a.Population) }).ToList();
        return new SampleGeography(lads, lsoa11, lsoa21, msoas, wards, pieces, postcodes);
    }

    public static string Gss(string prefix, int number) => prefix + number.ToString("D6", CultureInfo.InvariantCulture);

    private static SampleArea New21(SampleArea parent, string name, double west, double south, double east, double north, ref int next) =>
        parent with { Code = Gss("E01", 980000 + next++), Name = name, West = west, South = south, East = east, North = north };
}
