using System.Globalization;
using Inequalities.Core.Spatial;
using Inequalities.Sources.Catalogue;

namespace Inequalities.Sources.Sample;

/// <summary>
/// Builds the rows of one source from its kind, columns and options (never from its id), over the synthetic
/// <see cref="SampleGeography"/>.
/// </summary>
internal static class SampleContent
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private static readonly string[] Census6 =
    [
        "Aged 15 years and under", "Aged 16 to 24 years", "Aged 25 to 34 years", "Aged 35 to 49 years",
        "Aged 50 to 64 years", "Aged 65 years and over",
    ];

    private static readonly double[] Census6Shares = [0.19, 0.11, 0.14, 0.19, 0.19, 0.18];

    private static readonly string[] Periods = ["2019", "2020", "2021"];

    private static readonly string[] LongIndicators = ["Life expectancy", "Suicides", "Self-harm"];

    public static SampleTable Build(SourceDefinition source, SampleGeography geo, Random random)
    {
        var columns = source.Columns
            .OrderBy(c => source.Kind == SourceKind.Fingertips ? 0 : Priority(c.Key))
            .ThenBy(c => SubOrder(c.Key))
            .ThenBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => (c.Key, c.Value))
            .ToList();
        var table = new SampleTable(columns);
        switch (source.Kind)
        {
            case SourceKind.Deprivation:
                Deprivation(source, geo, random, table);
                break;
            case SourceKind.Lookup:
                Lookup(source, geo, table);
                break;
            case SourceKind.Population:
                Population(source, geo, table);
                break;
            case SourceKind.Indicator:
                Indicator(source, geo, random, table);
                break;
            case SourceKind.Fingertips:
                Fingertips(source, geo, random, table);
                break;
            case SourceKind.Boundaries:
                Boundaries(source, geo, table);
                break;
            case SourceKind.Centroids:
                Centroids(source, geo, table);
                break;
            case SourceKind.Postcodes:
                Postcodes(geo, table);
                break;
            case SourceKind.Assets:
                Assets(source, geo, random, table);
                break;
            default:
                throw new NotSupportedException($"Source '{source.Id}': the sample mirror cannot generate kind '{source.Kind}'.");
        }

        return table;
    }

    private static readonly string[] FingertipsOrder =
    [
        "indicator_id", "indicator_name", "parent_code", "parent_name", "area_code", "area_name", "area_type", "sex", "age",
        "category_type", "category", "period", "value", "lower_ci95", "upper_ci95", "lower_ci998", "upper_ci998", "count",
        "denominator", "value_note", "recent_trend", "compared_to_england", "compared_to_parent", "period_sortable", "new_data",
        "compared_to_goal", "period_range",
    ];

    private static readonly string[] PopulationOrder =
        ["population.total", "population.children", "population.age_16_59", "population.older", "population.working_age"];

    /// <summary>Orders columns roughly as publishers do: domains in index order, measures score, rank, decile; ages ascending.</summary>
    private static int SubOrder(string canonical)
    {
        var fingertips = Array.IndexOf(FingertipsOrder, canonical);
        if (fingertips >= 0)
        {
            return fingertips;
        }

        var population = Array.IndexOf(PopulationOrder, canonical);
        if (population >= 0)
        {
            return 1000 + population;
        }

        if (canonical.StartsWith("population.age.", StringComparison.Ordinal))
        {
            var digits = new string(canonical["population.age.".Length..].TakeWhile(char.IsDigit).ToArray());
            return 1100 + (digits.Length > 0 ? int.Parse(digits, Inv) : 500);
        }

        var dot = canonical.LastIndexOf('.');
        if (dot > 0 && !canonical.StartsWith("value.", StringComparison.Ordinal))
        {
            var domain = CanonicalFields.Domains.ToList().IndexOf(canonical[..dot]);
            var measure = canonical[(dot + 1)..] switch { "score" => 0, "rank" => 1, _ => 2 };
            return 100 + ((domain < 0 ? 50 : domain) * 3) + measure;
        }

        return 5000;
    }

    private static int Priority(string canonical) => canonical switch
    {
        "lsoa_code" or "area_code" or "postcode" or "asset_id" => 0,
        "lsoa_name" or "area_name" or "name" or "indicator_name" => 1,
        _ when canonical.EndsWith("_code", StringComparison.Ordinal) => 2,
        _ when canonical.EndsWith("_name", StringComparison.Ordinal) => 3,
        _ => 4,
    };

    private static int VintageOf(SourceDefinition source) => source.Vintage is >= 2021 ? 2021 : 2011;

    /// <summary>The areas a source's rows are at, by its geography and vintage.</summary>
    private static IReadOnlyList<SampleArea> AreasOf(SourceDefinition source, SampleGeography geo) => source.Geography switch
    {
        GeographyLevel.Lsoa => VintageOf(source) == 2021 ? geo.Lsoa21 : geo.Lsoa11,
        GeographyLevel.Msoa => geo.Msoa,
        GeographyLevel.Ward => geo.Wards,
        GeographyLevel.Lad or GeographyLevel.Utla or GeographyLevel.Mixed or GeographyLevel.Point or GeographyLevel.Postcode => LadAreas(geo),
        GeographyLevel.CombinedAuthority => [CombinedAuthority(geo)],
        GeographyLevel.Region => [CombinedAuthority(geo) with { Code = SampleGeography.RegionCode, Name = SampleGeography.RegionName }],
        GeographyLevel.Country => [CombinedAuthority(geo) with { Code = SampleGeography.EnglandCode, Name = "England" }],
        _ => LadAreas(geo),
    };

    private static List<SampleArea> LadAreas(SampleGeography geo) =>
        geo.Lads.Select(l => new SampleArea(l.Code, l.Name, l, l.West, l.South, l.East, l.North)
        {
            Population = geo.Lsoa11.Where(a => a.Lad.Code == l.Code).Sum(a => a.Population),
        }).ToList();

    private static SampleArea CombinedAuthority(SampleGeography geo)
    {
        var first = geo.Lads[0];
        return new SampleArea(SampleGeography.CombinedAuthorityCode, SampleGeography.CombinedAuthorityName, first,
            geo.Lads.Min(l => l.West), geo.Lads.Min(l => l.South), geo.Lads.Max(l => l.East), geo.Lads.Max(l => l.North))
        {
            Population = geo.TotalPopulation,
        };
    }

    private static string F(double value, int decimals) => Math.Round(value, decimals).ToString("0.###############", Inv);

    private static string I(long value) => value.ToString(Inv);

    private static string? Common(string canonical, SampleArea area) => canonical switch
    {
        "lsoa_code" or "area_code" => area.Code,
        "lsoa_name" or "area_name" => area.Name,
        "lad_code" => area.Lad.Code,
        "lad_name" => area.Lad.Name,
        _ => null,
    };

    private static void Deprivation(SourceDefinition source, SampleGeography geo, Random random, SampleTable table)
    {
        var areas = AreasOf(source, geo);
        var n = areas.Count;
        var domains = table.Columns
            .Select(c => c.Canonical)
            .Where(c => c.EndsWith(".score", StringComparison.Ordinal) || c.EndsWith(".rank", StringComparison.Ordinal) || c.EndsWith(".decile", StringComparison.Ordinal))
            .Select(c => c[..c.LastIndexOf('.')])
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();

        // A latent deprivation level per area, shared by every domain, so domains correlate as they do in the real index.
        var latent = areas.Select(_ => random.NextDouble()).ToArray();
        var scores = new Dictionary<string, double[]>(StringComparer.Ordinal);
        var ranks = new Dictionary<string, int[]>(StringComparer.Ordinal);
        foreach (var domain in domains)
        {
            var s = new double[n];
            for (var i = 0; i < n; i++)
            {
                var level = (0.7 * latent[i]) + (0.3 * random.NextDouble());
                s[i] = domain switch
                {
                    "imd" => 5 + (level * 60),
                    "income" or "employment" or "idaci" or "idaopi" => 0.02 + (level * 0.45),
                    "health" or "crime" => -2.5 + (level * 5),
                    _ => level * 80,
                };
                s[i] = Math.Round(s[i], 3);
            }

            // Rank 1 is the most deprived (highest score); ties broken by position so ranks are a permutation.
            var order = Enumerable.Range(0, n).OrderByDescending(i => s[i]).ThenBy(i => i).ToArray();
            var r = new int[n];
            for (var k = 0; k < n; k++)
            {
                r[order[k]] = k + 1;
            }

            scores[domain] = s;
            ranks[domain] = r;
        }

        for (var i = 0; i < n; i++)
        {
            var area = areas[i];
            var index = i;
            table.Add(c =>
            {
                if (Common(c, area) is { } common)
                {
                    return common;
                }

                var dot = c.LastIndexOf('.');
                if (dot > 0 && !c.StartsWith("population.", StringComparison.Ordinal))
                {
                    var domain = c[..dot];
                    return c[(dot + 1)..] switch
                    {
                        "score" => F(scores[domain][index], 3),
                        "rank" => I(ranks[domain][index]),
                        "decile" => I(Decile(ranks[domain][index], n)),
                        _ => null,
                    };
                }

                return PopulationValue(c, area.Population, table);
            });
        }
    }

    /// <summary>Decile 1 holds the most deprived tenth: ceil(rank * 10 / n).</summary>
    public static int Decile(int rank, int count) => (int)Math.Ceiling(rank * 10.0 / count);

    private static string? PopulationValue(string canonical, int total, SampleTable table)
    {
        var children = (int)(total * 0.19);
        var middle = (int)(total * 0.56);
        switch (canonical)
        {
            case "population.total":
                return I(total);
            case "population.children":
                return I(children);
            case "population.age_16_59":
                return I(middle);
            case "population.older":
                return I(total - children - middle);
            case "population.working_age":
                return I((int)(total * 0.60));
        }

        if (canonical.StartsWith("population.age.", StringComparison.Ordinal))
        {
            // Spread the total over the mapped age columns; when the full single-year set is mapped they sum to the total.
            var ages = table.Columns.Where(c => c.Canonical.StartsWith("population.age.", StringComparison.Ordinal)).Select(c => c.Canonical).ToList();
            var index = ages.IndexOf(canonical);
            var share = total / ages.Count;
            return I(index == ages.Count - 1 ? total - (share * (ages.Count - 1)) : share);
        }

        return null;
    }

    private static void Population(SourceDefinition source, SampleGeography geo, SampleTable table)
    {
        var areas = AreasOf(source, geo);
        var isLong = source.Columns.ContainsKey("age") && source.Columns.ContainsKey("value");
        foreach (var area in areas)
        {
            if (!isLong)
            {
                table.Add(c => Common(c, area) ?? Attribute(c, source) ?? PopulationValue(c, area.Population, table));
                continue;
            }

            var assigned = 0;
            for (var b = 0; b < Census6.Length; b++)
            {
                var count = b == Census6.Length - 1 ? area.Population - assigned : (int)(area.Population * Census6Shares[b]);
                assigned += count;
                var band = Census6[b];
                table.Add(c => Common(c, area) ?? c switch
                {
                    "age" => band,
                    "value" => I(count),
                    "population.total" => I(area.Population),
                    _ => Attribute(c, source),
                });
            }
        }
    }

    private static string? Attribute(string canonical, SourceDefinition source) => canonical switch
    {
        "sex" => "Persons",
        "period" => source.Period ?? "2021",
        _ => null,
    };

    private static void Indicator(SourceDefinition source, SampleGeography geo, Random random, SampleTable table)
    {
        var areas = AreasOf(source, geo);
        var hasPeriod = source.Columns.ContainsKey("period");
        var hasIndicator = source.Columns.ContainsKey("indicator");
        var periods = hasPeriod ? Periods : [source.Period ?? "2021"];
        var indicators = hasIndicator ? LongIndicators : [source.Options.Indicator.IndicatorId ?? "value"];
        var wide = table.Columns.Where(c => c.Canonical.StartsWith("value.", StringComparison.Ordinal)).Select(c => c.Canonical).ToList();
        var wideRanks = new Dictionary<string, int[]>(StringComparer.Ordinal);
        foreach (var w in wide.Where(w => w.Contains("rank", StringComparison.Ordinal)))
        {
            var order = Enumerable.Range(0, areas.Count).OrderBy(_ => random.Next()).ToArray();
            var r = new int[areas.Count];
            for (var k = 0; k < order.Length; k++)
            {
                r[order[k]] = k + 1;
            }

            wideRanks[w] = r;
        }

        foreach (var period in periods)
        {
            foreach (var indicator in indicators)
            {
                for (var i = 0; i < areas.Count; i++)
                {
                    var area = areas[i];
                    var index = i;
                    var value = indicator switch
                    {
                        "Life expectancy" => 76 + (random.NextDouble() * 6),
                        "Suicides" => 7 + (random.NextDouble() * 8),
                        "Self-harm" => 150 + (random.NextDouble() * 300),
                        _ => 20 + (random.NextDouble() * 80),
                    };
                    var denominator = Math.Max(area.Population, 1000);
                    var se = value * 0.05;
                    var values = wide.ToDictionary(w => w, w => WideValue(w, index, areas.Count, wideRanks, random), StringComparer.Ordinal);
                    table.Add(c => Common(c, area) ?? c switch
                    {
                        "period" => period,
                        "indicator" => indicator,
                        "value" => F(value, 3),
                        "lower_ci" => F(value - (1.96 * se), 3),
                        "upper_ci" => F(value + (1.96 * se), 3),
                        "count" => I((long)Math.Round(value * denominator / 100_000)),
                        "denominator" => I(denominator),
                        "sex" => "Persons",
                        "age" => "All ages",
                        _ when values.TryGetValue(c, out var v) => v,
                        _ => null,
                    });
                }
            }
        }
    }

    private static string WideValue(string canonical, int index, int count, Dictionary<string, int[]> ranks, Random random)
    {
        if (ranks.TryGetValue(canonical, out var r))
        {
            return I(r[index]);
        }

        if (canonical.Contains("decile", StringComparison.Ordinal))
        {
            return I(1 + random.Next(10));
        }

        if (canonical.Contains("proportion", StringComparison.Ordinal) || canonical.Contains("extent", StringComparison.Ordinal))
        {
            return F(random.NextDouble() * 0.6, 4);
        }

        return F(random.NextDouble() * 100, 3);
    }

    private static void Fingertips(SourceDefinition source, SampleGeography geo, Random random, SampleTable table)
    {
        var indicatorId = source.Options.Indicator.IndicatorId ?? "90366";
        var areaType = source.Options.Indicator.AreaTypeId;
        var name = source.Description is { Length: > 0 } d ? d.Split(new[] { ',', '.', '(' }, 2)[0].Trim() : $"Sample indicator {indicatorId}";
        var rows = new List<(string Code, string Name, string Type, string ParentCode, string ParentName, int Population)>
        {
            (SampleGeography.EnglandCode, "England", "England", string.Empty, string.Empty, geo.TotalPopulation * 36),
            (SampleGeography.RegionCode, SampleGeography.RegionName, "Regions (statistical)", SampleGeography.EnglandCode, "England", geo.TotalPopulation * 5),
            (SampleGeography.CombinedAuthorityCode, SampleGeography.CombinedAuthorityName, "Combined authorities", SampleGeography.RegionCode, SampleGeography.RegionName, geo.TotalPopulation),
        };
        foreach (var lad in LadAreas(geo))
        {
            rows.Add((lad.Code, lad.Name, "Districts & UAs (from Apr 2023)", SampleGeography.RegionCode, SampleGeography.RegionName, lad.Population));
        }

        if (areaType is null or "3" || source.Geography == GeographyLevel.Msoa)
        {
            rows.AddRange(geo.Msoa.Select(m => (m.Code, m.Name, "MSOA", m.Lad.Code, m.Lad.Name, m.Population)));
        }

        if (source.Geography == GeographyLevel.Lsoa)
        {
            rows.AddRange(geo.Lsoa21.Select(a => (a.Code, a.Name, "LSOA", a.Lad.Code, a.Lad.Name, a.Population)));
        }

        for (var p = 0; p < Periods.Length; p++)
        {
            var start = 2017 + p;
            var period = $"{start} - {(start + 2) % 100:D2}";
            var sortable = $"{start}0000";
            foreach (var row in rows)
            {
                var (low, high, per) = Range(name);
                var value = low + (random.NextDouble() * (high - low));
                var se = row.Population > 0 ? value * 3 / Math.Sqrt(row.Population) : value * 0.05;
                var denominator = row.Population * 3;
                var count = (long)Math.Round(value * denominator / per);
                table.Add(c => c switch
                {
                    "indicator_id" => indicatorId,
                    "indicator_name" => name,
                    "parent_code" => row.ParentCode,
                    "parent_name" => row.ParentName,
                    "area_code" => row.Code,
                    "area_name" => row.Name,
                    "area_type" => row.Type,
                    "sex" => "Persons",
                    "age" => "All ages",
                    "category_type" or "category" or "value_note" or "new_data" or "compared_to_goal" => string.Empty,
                    "period" => period,
                    "value" => F(value, 5),
                    "lower_ci95" => F(value - (1.96 * se), 5),
                    "upper_ci95" => F(value + (1.96 * se), 5),
                    "lower_ci998" => F(value - (3.09 * se), 5),
                    "upper_ci998" => F(value + (3.09 * se), 5),
                    "count" => I(count),
                    "denominator" => I(denominator),
                    "recent_trend" => "Cannot be calculated",
                    "compared_to_england" or "compared_to_parent" => row.Type == "England" ? "Not compared" : "Similar",
                    "period_sortable" => sortable,
                    "period_range" => "3y",
                    _ => null,
                });
            }
        }
    }

    /// <summary>A plausible value range and rate base for a Fingertips indicator, from words in its name.</summary>
    private static (double Low, double High, double Per) Range(string name)
    {
        var lower = name.ToLowerInvariant();
        return lower switch
        {
            _ when lower.Contains("life expectancy", StringComparison.Ordinal) => (74, 84, 1000),
            _ when lower.Contains("suicide", StringComparison.Ordinal) => (8, 16, 100_000),
            _ when lower.Contains("self-harm", StringComparison.Ordinal) => (150, 450, 100_000),
            _ when lower.Contains("depression", StringComparison.Ordinal) || lower.Contains("prevalence", StringComparison.Ordinal) => (10, 19, 100),
            _ => (20, 80, 100),
        };
    }

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

    private static void Boundaries(SourceDefinition source, SampleGeography geo, SampleTable table)
    {
        foreach (var area in AreasOf(source, geo))
        {
            table.Add(c => Common(c, area), new SampleGeometry(area.West, area.South, area.East, area.North));
        }
    }

    private static void Centroids(SourceDefinition source, SampleGeography geo, SampleTable table)
    {
        foreach (var area in AreasOf(source, geo))
        {
            var lon = Math.Round(area.CentreLongitude, 6);
            var lat = Math.Round(area.CentreLatitude, 6);
            var (easting, northing) = BritishNationalGrid.FromWgs84(lon, lat);
            table.Add(
                c => Common(c, area) ?? c switch
                {
                    "longitude" => F(lon, 6),
                    "latitude" => F(lat, 6),
                    "easting" => F(easting, 2),
                    "northing" => F(northing, 2),
                    _ => null,
                },
                new SampleGeometry(lon, lat, lon, lat));
        }
    }

    private static void Postcodes(SampleGeography geo, SampleTable table)
    {
        foreach (var pc in geo.Postcodes)
        {
            table.Add(
                c => c switch
                {
                    "postcode" => pc.Postcode,
                    "lsoa11_code" => pc.Piece.Lsoa11.Code,
                    "lsoa21_code" => pc.Piece.Lsoa21.Code,
                    "msoa11_code" or "msoa21_code" => pc.Piece.Lsoa11.MsoaCode,
                    "lad_code" => pc.Piece.Lsoa11.Lad.Code,
                    "latitude" => F(pc.Latitude, 6),
                    "longitude" => F(pc.Longitude, 6),
                    "introduced" => pc.Introduced,
                    "terminated" => pc.Terminated ?? string.Empty,
                    _ => null,
                },
                new SampleGeometry(pc.Longitude, pc.Latitude, pc.Longitude, pc.Latitude));
        }
    }

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
                        "status" => removed ? "Removed" : "Registered",
                        "removed" => removed ? "2022-03-31" : string.Empty,
                        "address" => $"{number} Sample Street",
                        "url" => $"https://example.org/sample/{number}",
                        "lsoa_code" => pc.Piece.Lsoa21.Code,
                        "company_type" => category,
                        "activity" => "Community services for local residents",
                        _ => null,
                    };
                },
                withPoint ? new SampleGeometry(lon, lat, lon, lat) : null);
        }
    }
}
