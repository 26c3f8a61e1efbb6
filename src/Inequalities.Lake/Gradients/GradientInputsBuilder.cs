using Inequalities.Core.Columnar;
using Inequalities.Core.Geography;
using Inequalities.Sources.Catalogue;

namespace Inequalities.Lake.Gradients;

/// <summary>
/// Gathers the gradients' inputs (<see cref="GradientInputs"/>) from <c>lsoa_indicators</c> and <c>indicators</c> one
/// part at a time, e.g. one source after another as the refresh builds and writes them, so neither table has to exist
/// whole. The inputs equal those of <see cref="GradientTables.Prepare"/> on the parts put together: LSOA ids are given
/// in the same order (every part of <c>lsoa_indicators</c> first, then the count rows of <c>indicators</c>, in the order
/// the parts came), and each series has the same values and counts.
/// </summary>
internal sealed class GradientInputsBuilder
{
    private readonly LsoaIndex _index = new();
    private readonly Table _areas;
    private readonly Table _deprivation;
    private readonly GradientSettings _settings;
    private readonly bool _withCounts;
    private readonly List<(GradientBasis Basis, int IndexVintage, int Vintage, VintageBridge? Bridge)> _bases = [];
    private readonly Dictionary<int, List<GradientSeries>> _seriesByVintage = [];
    private readonly List<Table> _countRows = [];

    /// <summary>Starts the inputs of the bases <paramref name="settings"/> gives (or the default bases of <paramref name="deprivation"/>'s indices).</summary>
    /// <param name="areas">The <c>areas</c> table.</param>
    /// <param name="deprivation">The <c>deprivation</c> table.</param>
    /// <param name="settings">The catalogue's gradient settings.</param>
    /// <param name="bridges">Per LSOA vintage, the bridge to the other one, for bases on another vintage than their index's.</param>
    /// <param name="withCounts">Whether the series take the counts and denominators <c>indicators</c> publishes (null counts otherwise).</param>
    public GradientInputsBuilder(Table areas, Table deprivation, GradientSettings settings, IReadOnlyDictionary<int, VintageBridge>? bridges, bool withCounts = true)
    {
        _areas = areas;
        _deprivation = deprivation;
        _settings = settings;
        _withCounts = withCounts;
        foreach (var basis in GradientTables.Bases(deprivation, settings))
        {
            if (GradientTables.VintageOf(deprivation, basis.Index) is not { } indexVintage)
            {
                continue;
            }

            var vintage = basis.Vintage ?? indexVintage;
            VintageBridge? bridge = null;
            if (vintage != indexVintage && (bridges is null || !bridges.TryGetValue(indexVintage, out bridge)))
            {
                continue;
            }

            _bases.Add((basis, indexVintage, vintage, bridge));
            _seriesByVintage.TryAdd(vintage, []);
        }
    }

    /// <summary>Takes the selected series of a part of <c>lsoa_indicators</c> (rows of sources no earlier part had).</summary>
    public void AddLsoaIndicators(Table part)
    {
        ArgumentNullException.ThrowIfNull(part);
        var lsoaRows = _index.Rows(part.Strings(LsoaIndicatorsColumns.LsoaCode));
        foreach (var (vintage, series) in _seriesByVintage)
        {
            series.AddRange(GradientTables.SeriesOf(part, lsoaRows, _index.Count, vintage, _settings));
        }
    }

    /// <summary>Keeps the LSOA counts and denominators of a part of <c>indicators</c> (only those rows).</summary>
    public void AddIndicators(Table part)
    {
        ArgumentNullException.ThrowIfNull(part);
        if (_withCounts && GradientTables.CountRows(part) is { } rows)
        {
            _countRows.Add(rows);
        }
    }

    /// <summary>The inputs: each vintage's series in source, indicator and period order, with their counts.</summary>
    public GradientInputs Build()
    {
        Dictionary<(string, string, string), (double, double)[]>? counts = null;
        if (_withCounts)
        {
            counts = [];
            foreach (var rows in _countRows)
            {
                GradientTables.LsoaCounts(rows, _index, counts);
            }
        }

        var seriesByVintage = new Dictionary<int, List<GradientSeries>>();
        foreach (var (vintage, series) in _seriesByVintage)
        {
            foreach (var s in series)
            {
                s.Counts = counts?.GetValueOrDefault((s.Key.SourceId, s.Key.IndicatorId, s.Key.Period));
            }

            seriesByVintage[vintage] = [.. series.OrderBy(s => s.Key.SourceId, StringComparer.Ordinal).ThenBy(s => s.Key.IndicatorId, StringComparer.Ordinal).ThenBy(s => s.Key.Period, StringComparer.Ordinal)];
        }

        return new GradientInputs(_index, _areas, _deprivation, _settings, _bases, seriesByVintage);
    }
}
