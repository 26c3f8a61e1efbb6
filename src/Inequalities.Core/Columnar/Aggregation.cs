namespace Inequalities.Core.Columnar;

/// <summary>
/// One aggregate computed per group by <see cref="GroupedTable.Aggregate"/>. Null values (and, for a weighted mean,
/// null weights) are skipped.
/// </summary>
public sealed class Aggregation
{
    private Aggregation(AggregationKind kind, string? column, string? weightColumn, string outputName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputName);
        Kind = kind;
        ColumnName = column;
        WeightColumnName = weightColumn;
        OutputName = outputName;
    }

    /// <summary>What is computed.</summary>
    public AggregationKind Kind { get; }

    /// <summary>The input column (null for <see cref="AggregationKind.Count"/>).</summary>
    public string? ColumnName { get; }

    /// <summary>The weight column of a weighted mean.</summary>
    public string? WeightColumnName { get; }

    /// <summary>The name of the result column.</summary>
    public string OutputName { get; }

    /// <summary>The number of rows in each group (Int64, never null).</summary>
    public static Aggregation Count(string outputName = "count") => new(AggregationKind.Count, null, null, outputName);

    /// <summary>The number of non-null values of <paramref name="column"/> (Int64, never null).</summary>
    public static Aggregation CountValid(string column, string? outputName = null) =>
        new(AggregationKind.CountValid, Required(column), null, outputName ?? column);

    /// <summary>
    /// The sum of the non-null values: Int64 for integer columns, Float64 for floating-point ones; null for a group
    /// without values.
    /// </summary>
    public static Aggregation Sum(string column, string? outputName = null) =>
        new(AggregationKind.Sum, Required(column), null, outputName ?? column);

    /// <summary>The mean of the non-null values (Float64); null for a group without values.</summary>
    public static Aggregation Mean(string column, string? outputName = null) =>
        new(AggregationKind.Mean, Required(column), null, outputName ?? column);

    /// <summary>
    /// The weighted mean Σ(value × weight) / Σ weight over rows where both are non-null (Float64), e.g. a
    /// population-weighted mean; null when a group's weights sum to zero.
    /// </summary>
    public static Aggregation WeightedMean(string column, string weightColumn, string? outputName = null) =>
        new(AggregationKind.WeightedMean, Required(column), Required(weightColumn), outputName ?? column);

    private static string Required(string column)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(column);
        return column;
    }
}

/// <summary>The aggregate functions of <see cref="Aggregation"/>.</summary>
public enum AggregationKind
{
    /// <summary>Rows per group.</summary>
    Count,

    /// <summary>Non-null values per group.</summary>
    CountValid,

    /// <summary>Sum of non-null values.</summary>
    Sum,

    /// <summary>Mean of non-null values.</summary>
    Mean,

    /// <summary>Weighted mean over rows with both value and weight.</summary>
    WeightedMean,
}
