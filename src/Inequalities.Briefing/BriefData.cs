using Inequalities.Core.Columnar;
using Inequalities.Lake;
using Inequalities.Lake.Snapshots;

namespace Inequalities.Briefing;

/// <summary>The lake tables a briefing reads, read once per snapshot (the worker briefs several areas from one).</summary>
internal sealed class BriefData
{
    public const string England = "E92000001";

    /// <summary>Names of combined authorities the lake's areas table does not carry (it has codes only).</summary>
    private static readonly Dictionary<string, string> KnownNames = new(StringComparer.Ordinal)
    {
        [England] = "England",
        ["E47000004"] = "Liverpool City Region",
    };

    private readonly Lazy<Task<Table?>> _deprivation;

    private BriefData(
        LakeSnapshot snapshot, Table areas, Table gradients, Table quantiles, Table? metadata, Table? summaries, Table? assetNeed, Table? assetSummary, Table? assets, Table? categorySummary)
    {
        Assets = assets;
        CategorySummary = categorySummary;
        Snapshot = snapshot;
        Areas = areas;
        Gradients = gradients;
        Quantiles = quantiles;
        Metadata = metadata;
        Summaries = summaries;
        AssetNeed = assetNeed;
        AssetSummary = assetSummary;
        _deprivation = new Lazy<Task<Table?>>(() => ReadOptionalAsync(snapshot, TableNames.Deprivation, CancellationToken.None));
        var code = areas.Strings(AreasColumns.LsoaCode);
        var name = areas.Strings(AreasColumns.LsoaName);
        var lad = areas.Strings(AreasColumns.LadName);
        var ward = areas.Contains(AreasColumns.WardName) ? areas.Strings(AreasColumns.WardName) : null;
        var population = areas.Primitive<double>(AreasColumns.Population);
        var vintage = areas.Primitive<int>(AreasColumns.LsoaVintage);
        for (var i = 0; i < areas.RowCount; i++)
        {
            // A code unchanged between vintages has a row in each: the 2021 row (the vintage of wards and asset_need) wins.
            if (code[i] is { } c && (vintage[i] == 2021 || !Lsoas.ContainsKey(c)))
            {
                Lsoas[c] = (name[i] ?? c, ward?[i], lad[i] ?? string.Empty, population[i]);
            }
        }
    }

    public LakeSnapshot Snapshot { get; }

    public Table Areas { get; }

    public Table Gradients { get; }

    public Table Quantiles { get; }

    public Table? Metadata { get; }

    public Table? Summaries { get; }

    public Table? AssetNeed { get; }

    public Table? AssetSummary { get; }

    /// <summary>The <c>assets</c> table: every organisation of the registers and where it was placed.</summary>
    public Table? Assets { get; }

    /// <summary>The <c>asset_category_summary</c> table: organisations by category per district and combined authority.</summary>
    public Table? CategorySummary { get; }

    /// <summary>LSOA code to its name, ward, district name and population (the first vintage that has it).</summary>
    public Dictionary<string, (string Name, string? Ward, string District, double? Population)> Lsoas { get; } = new(StringComparer.Ordinal);

    /// <summary>The deprivation table, read on first use (the need map's fallback when the lake has no asset_need).</summary>
    public Task<Table?> DeprivationAsync() => _deprivation.Value;

    public static async Task<BriefData> LoadAsync(LakeSnapshot snapshot, CancellationToken cancellationToken)
    {
        var areas = await snapshot.ReadTableAsync(TableNames.Areas, cancellationToken).ConfigureAwait(false);
        var gradients = await ReadOptionalAsync(snapshot, TableNames.InequalityGradients, cancellationToken).ConfigureAwait(false);
        var quantiles = await ReadOptionalAsync(snapshot, TableNames.InequalityQuantiles, cancellationToken).ConfigureAwait(false);
        if (gradients is null || quantiles is null)
        {
            throw new BriefException(
                BriefProblem.NoGradients,
                $"Snapshot {snapshot.Id} has no inequality_gradients or inequality_quantiles table, so there is nothing to brief on; refresh the lake with indicator sources at LSOA level.");
        }

        return new BriefData(
            snapshot,
            areas,
            gradients,
            quantiles,
            await ReadOptionalAsync(snapshot, TableNames.IndicatorMetadata, cancellationToken).ConfigureAwait(false),
            await ReadOptionalAsync(snapshot, TableNames.LadDeprivationSummaries, cancellationToken).ConfigureAwait(false),
            await ReadOptionalAsync(snapshot, TableNames.AssetNeed, cancellationToken).ConfigureAwait(false),
            await ReadOptionalAsync(snapshot, TableNames.AssetNeedSummary, cancellationToken).ConfigureAwait(false),
            await ReadOptionalAsync(snapshot, TableNames.Assets, cancellationToken).ConfigureAwait(false),
            await ReadOptionalAsync(snapshot, TableNames.AssetCategorySummary, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The area: its kind, name and neighbourhoods; an unknown code fails naming what the lake has.</summary>
    public BriefArea Area(string code)
    {
        Table rows;
        string kind;
        if (code == England)
        {
            (rows, kind) = (Areas, "country");
        }
        else if (code.StartsWith("E47", StringComparison.Ordinal))
        {
            (rows, kind) = (Areas.Where((AreasColumns.CauthCode, code)), "combined authority");
        }
        else if (code.StartsWith("E12", StringComparison.Ordinal))
        {
            (rows, kind) = (Areas.Where((AreasColumns.RegionCode, code)), "region");
        }
        else
        {
            (rows, kind) = (Areas.Where((AreasColumns.LadCode, code)), "district");
        }

        if (rows.RowCount == 0)
        {
            throw new BriefException(
                BriefProblem.UnknownArea,
                $"No neighbourhood of snapshot {Snapshot.Id} lies in area '{code}'. Give a district code (e.g. E08000012), a combined authority (E47000004) or {England} for England; the lake's districts include {string.Join(", ", Distinct(Areas, "lad_code").Take(8))}.");
        }

        var vintages = rows.Primitive<int>(AreasColumns.LsoaVintage);
        var counts = new SortedDictionary<int, int>();
        for (var i = 0; i < rows.RowCount; i++)
        {
            if (vintages[i] is { } v)
            {
                counts[v] = counts.GetValueOrDefault(v) + 1;
            }
        }

        return new BriefArea(code, NameOf(code, kind, rows), kind, counts);
    }

    /// <summary>A district's name from the areas table (its code when unknown).</summary>
    public string DistrictName(string code)
    {
        var rows = Areas.Where((AreasColumns.LadCode, code));
        return rows.RowCount > 0 && rows.Strings(AreasColumns.LadName)[0] is { } name ? name : code;
    }

    public static List<string> Distinct(Table table, string column)
    {
        var values = new SortedSet<string>(StringComparer.Ordinal);
        var strings = table.Strings(column);
        for (var i = 0; i < strings.Length; i++)
        {
            if (strings[i] is { } s)
            {
                values.Add(s);
            }
        }

        return [.. values];
    }

    private static async Task<Table?> ReadOptionalAsync(LakeSnapshot snapshot, string name, CancellationToken cancellationToken) =>
        snapshot.TableNames.Contains(name) ? await snapshot.ReadTableAsync(name, cancellationToken).ConfigureAwait(false) : null;

    private string NameOf(string code, string kind, Table rows)
    {
        if (kind == "district" && rows.Strings(AreasColumns.LadName)[0] is { } ladName)
        {
            return ladName;
        }

        if (AssetSummary is { } summary && summary.Contains(AssetNeedSummaryColumns.AreaName))
        {
            var match = summary.Where((AssetNeedSummaryColumns.AreaCode, code));
            if (match.RowCount > 0 && match.Strings(AssetNeedSummaryColumns.AreaName)[0] is { } name && name != code)
            {
                return name;
            }
        }

        return KnownNames.TryGetValue(code, out var known) ? known : $"{kind} {code}";
    }
}
