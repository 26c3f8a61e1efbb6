using Inequalities.Core.Columnar;
using Inequalities.Lake.Snapshots;

namespace Inequalities.Lake.Analysis;

/// <summary>
/// Small queries an analyst runs against a snapshot (in a notebook, say): the districts of a combined authority or
/// region, and a table cut down to the rows whose code column holds one of a set of values. They keep notebooks free
/// of row loops.
/// </summary>
public static class SnapshotQueries
{
    /// <summary>The combined authority code of the Liverpool City Region.</summary>
    public const string LiverpoolCityRegion = "E47000004";

    /// <summary>
    /// Keeps the rows of <paramref name="table"/> whose string column <paramref name="column"/> holds one of
    /// <paramref name="values"/> (compared ordinally); rows with a null there are dropped. Row order is kept. This is
    /// the core's <see cref="TableFilters.WhereAnyOf"/> held to string columns; <see cref="TableFilters.Where"/> filters
    /// on several columns of any type at once.
    /// </summary>
    /// <param name="table">The table.</param>
    /// <param name="column">A string column of the table, e.g. <c>lad_code</c>.</param>
    /// <param name="values">The values to keep.</param>
    /// <exception cref="ArgumentException">The table has no string column of that name; the message lists its columns.</exception>
    public static Table WhereIn(this Table table, string column, IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentException.ThrowIfNullOrEmpty(column);
        ArgumentNullException.ThrowIfNull(values);
        if (!table.Contains(column) || table.Column(column) is not StringColumn)
        {
            throw new ArgumentException(
                $"Table '{table.Name}' has no string column '{column}'. Columns: {string.Join(", ", table.Schema.Select(f => $"{f.Name} ({f.DataType})"))}.",
                nameof(column));
        }

        return table.WhereAnyOf(column, values.OfType<string>().Select(CellValue.FromString));
    }

    /// <summary>
    /// Reads the table <paramref name="name"/> and keeps the rows whose string column <paramref name="column"/> holds
    /// one of <paramref name="values"/>; see <see cref="WhereIn"/>.
    /// </summary>
    /// <param name="snapshot">The snapshot.</param>
    /// <param name="name">The table name, e.g. <c>lad_deprivation_summaries</c>.</param>
    /// <param name="column">A string column of the table, e.g. <c>lad_code</c>.</param>
    /// <param name="values">The values to keep.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="KeyNotFoundException">The snapshot has no such table.</exception>
    /// <exception cref="ArgumentException">The table has no string column of that name.</exception>
    public static async Task<Table> ReadTableAsync(
        this LakeSnapshot snapshot, string name, string column, IEnumerable<string> values, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(values);
        var table = await snapshot.ReadTableAsync(name, cancellationToken).ConfigureAwait(false);
        return table.WhereIn(column, values);
    }

    /// <summary>
    /// The districts (<c>lad_code</c>, sorted) of the LSOAs in the <c>areas</c> table that lie in
    /// <paramref name="areaCode"/>, over both LSOA vintages.
    /// </summary>
    /// <param name="snapshot">The snapshot.</param>
    /// <param name="areaCode">
    /// A combined authority (E47…, e.g. <see cref="LiverpoolCityRegion"/>) or region (E12…); a district code gives
    /// itself.
    /// </param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="KeyNotFoundException">No LSOA of the snapshot lies in <paramref name="areaCode"/>.</exception>
    public static Task<IReadOnlyList<string>> DistrictCodesAsync(
        this LakeSnapshot snapshot, string areaCode, CancellationToken cancellationToken = default) =>
        DistinctAsync(snapshot, areaCode, AreasColumns.LadCode, cancellationToken);

    /// <summary>
    /// The LSOAs (<c>lsoa_code</c>, sorted; 2011 and 2021 codes together) of the <c>areas</c> table that lie in
    /// <paramref name="areaCode"/>: pass them to <see cref="ReadTableAsync"/> to cut an LSOA table down to an area.
    /// </summary>
    /// <param name="snapshot">The snapshot.</param>
    /// <param name="areaCode">A combined authority (E47…), region (E12…) or district (E06…, E07…, E08…, E09…) code.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="KeyNotFoundException">No LSOA of the snapshot lies in <paramref name="areaCode"/>.</exception>
    public static Task<IReadOnlyList<string>> LsoaCodesAsync(
        this LakeSnapshot snapshot, string areaCode, CancellationToken cancellationToken = default) =>
        DistinctAsync(snapshot, areaCode, AreasColumns.LsoaCode, cancellationToken);

    /// <summary>
    /// One cell of a numeric column as a <see cref="double"/>, whatever the column's type (<c>double</c>, <c>int</c>
    /// or <c>long</c>); <see cref="double.NaN"/> for a null. Scripts and notebooks read counts, ranks and values alike.
    /// </summary>
    /// <param name="table">The table.</param>
    /// <param name="column">A numeric column, e.g. <c>population</c> or <c>quantile</c>.</param>
    /// <param name="row">The row.</param>
    /// <exception cref="InvalidOperationException">The column is not numeric.</exception>
    public static double Number(this Table table, string column, int row)
    {
        ArgumentNullException.ThrowIfNull(table);
        return table.Column(column) switch
        {
            PrimitiveColumn<double> d => d[row] ?? double.NaN,
            PrimitiveColumn<int> n => n[row] ?? double.NaN,
            PrimitiveColumn<long> n => n[row] ?? double.NaN,
            var c => throw new InvalidOperationException($"Table '{table.Name}' column '{column}' is {c.DataType}, not a number."),
        };
    }

    private static async Task<IReadOnlyList<string>> DistinctAsync(
        LakeSnapshot snapshot, string areaCode, string resultColumn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentException.ThrowIfNullOrEmpty(areaCode);
        var areas = await snapshot.ReadTableAsync(TableNames.Areas, cancellationToken).ConfigureAwait(false);
        var column = areaCode.StartsWith("E47", StringComparison.Ordinal) ? AreasColumns.CauthCode
            : areaCode.StartsWith("E12", StringComparison.Ordinal) ? AreasColumns.RegionCode
            : AreasColumns.LadCode;
        var values = areas.WhereIn(column, [areaCode]).Strings(resultColumn);
        var codes = new SortedSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] is { } code)
            {
                codes.Add(code);
            }
        }

        return codes.Count > 0
            ? codes.ToList()
            : throw new KeyNotFoundException($"Snapshot {snapshot.Id}: no LSOA in 'areas' has {column} '{areaCode}'.");
    }
}
