using System.Globalization;
using CsvHelper;
using Inequalities.Core.Columnar;
using Inequalities.Core.Measures;

namespace Inequalities.Lake.Csv;

/// <summary>The columns of a quantile table the <c>sii</c> verb reads (the reference package's option names).</summary>
/// <param name="Quantile">The quantile column (1 = most deprived).</param>
/// <param name="Population">The population column.</param>
/// <param name="Value">The indicator value column.</param>
public sealed record SiiCsvColumns(string Quantile, string Population, string Value)
{
    /// <summary>The standard error column, or null when limits are given.</summary>
    public string? Se { get; init; }

    /// <summary>The lower 95% confidence limit column, or null.</summary>
    public string? Lower { get; init; }

    /// <summary>The upper 95% confidence limit column, or null.</summary>
    public string? Upper { get; init; }

    /// <summary>The grouping columns; each distinct combination is one slope index.</summary>
    /// <value>The default value is empty: one group.</value>
    public IReadOnlyList<string> Groups { get; init; } = [];
}

/// <summary>A quantile table read by <see cref="SiiCsv.Read"/>: the records and each group's values of the grouping columns.</summary>
/// <param name="Columns">The columns read.</param>
/// <param name="Records">One record per row; the group key names each grouping column and its value.</param>
/// <param name="GroupValues">The grouping columns' values of each group key.</param>
public sealed record SiiCsvInput(SiiCsvColumns Columns, IReadOnlyList<SiiRecord> Records, IReadOnlyDictionary<string, string[]> GroupValues);

/// <summary>
/// The <c>sii</c> verb's files: any quantile table in CSV (header row, comma separated, invariant numbers; empty,
/// <c>NA</c> or <c>NaN</c> cells are missing) read into <see cref="SiiRecord"/>s, and the result written back through
/// <see cref="TableCsv"/>: the grouping columns, then <c>sii</c> and its limits per confidence level
/// (<c>sii_lower95_0cl</c>, ...), and the same for <c>rii</c> when asked for.
/// </summary>
public static class SiiCsv
{
    private const char KeySeparator = '\u001F';

    /// <summary>Reads a quantile table.</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="columns">The columns to read.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="ArgumentException">A column is not in the file (the message names the file, the column, the option and the columns it has).</exception>
    /// <exception cref="FormatException">The file is empty, is not valid CSV, or a cell is not a number (the message names the row and column).</exception>
    public static SiiCsvInput Read(string path, SiiCsvColumns columns, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(columns);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"input file '{path}' does not exist", path);
        }

        try
        {
            return ReadRows(path, columns, cancellationToken);
        }
        catch (CsvFormatException ex)
        {
            throw new FormatException(ex.Message, ex);
        }
    }

    /// <summary>The result as a table: the grouping columns, then the slope (and relative) index with their limits.</summary>
    /// <param name="input">The table the result was computed from (its grouping columns and values).</param>
    /// <param name="options">The options it was computed with (confidence levels, whether RII was asked for).</param>
    /// <param name="result">The result.</param>
    public static Table ResultTable(SiiCsvInput input, SiiOptions options, SiiResult result)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(result);
        var levels = options.Confidence.Select(ConfidenceLevels.Normalize).ToArray();
        var groups = result.Groups;
        var builder = new TableBuilder("sii");
        for (var g = 0; g < input.Columns.Groups.Count; g++)
        {
            var index = g;
            builder.Add(input.Columns.Groups[g], groups.Select(r => input.GroupValues[r.Group][index]));
        }

        void Block(string prefix, Func<SiiGroupResult, double> point, Func<SiiGroupResult, IReadOnlyList<ConfidenceInterval>> limits)
        {
            builder.Add<double>(prefix, [.. groups.Select(point)]);
            for (var l = 0; l < levels.Length; l++)
            {
                var level = l;
                builder.Add<double>($"{prefix}_lower{ConfidenceLevels.Suffix(levels[l])}cl", [.. groups.Select(r => limits(r)[level].Lower)]);
                builder.Add<double>($"{prefix}_upper{ConfidenceLevels.Suffix(levels[l])}cl", [.. groups.Select(r => limits(r)[level].Upper)]);
            }
        }

        Block("sii", r => r.Sii, r => r.SiiLimits);
        if (options.Rii)
        {
            Block("rii", r => r.Rii, r => r.RiiLimits);
        }

        return builder.Build();
    }

    /// <summary>Writes the result (<see cref="ResultTable"/>) to a CSV file.</summary>
    /// <param name="path">The file (replaced when it exists).</param>
    /// <param name="input">The table the result was computed from.</param>
    /// <param name="options">The options it was computed with.</param>
    /// <param name="result">The result.</param>
    public static void Write(string path, SiiCsvInput input, SiiOptions options, SiiResult result) =>
        TableCsv.WriteFile(ResultTable(input, options, result), path);

    /// <summary>A message of the library with group keys shown as <c>column=value, column=value</c>.</summary>
    /// <param name="message">A warning or error that may name a group.</param>
    public static string Readable(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.Replace(KeySeparator.ToString(), ", ", StringComparison.Ordinal);
    }

    private static SiiCsvInput ReadRows(string path, SiiCsvColumns columns, CancellationToken cancellationToken)
    {
        using var stream = File.OpenRead(path);
        using var csv = CsvReader.Create(stream);
        if (csv.Headers.Count == 0)
        {
            throw new FormatException($"{path}: the file is empty (a header row is required)");
        }

        var header = csv.Headers.Select(h => h.Trim().TrimStart('\uFEFF')).ToArray();
        int Column(string name, string option)
        {
            var index = Array.IndexOf(header, name);
            return index >= 0
                ? index
                : throw new ArgumentException($"{path}: column '{name}' (from {option}) not found; the columns are: {string.Join(", ", header)}");
        }

        var quantile = Column(columns.Quantile, "--quantile");
        var population = Column(columns.Population, "--population");
        var value = Column(columns.Value, "--value");
        var se = columns.Se is null ? -1 : Column(columns.Se, "--se");
        var lower = columns.Lower is null ? -1 : Column(columns.Lower, "--lower");
        var upper = columns.Upper is null ? -1 : Column(columns.Upper, "--upper");
        var groups = columns.Groups.Select(g => Column(g, "--group")).ToArray();

        var records = new List<SiiRecord>();
        var groupValues = new Dictionary<string, string[]>(StringComparer.Ordinal);
        while (csv.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var row = csv.RowNumber;
            double Number(int index)
            {
                if (index < 0)
                {
                    return double.NaN;
                }

                var text = csv.GetString(index).Trim();
                if (text.Length == 0 || text is "NA" or "NaN")
                {
                    return double.NaN;
                }

                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                    ? number
                    : throw new FormatException($"{path}: row {row}, column '{header[index]}': '{text}' is not a number");
            }

            var values = groups.Select(csv.GetString).ToArray();

            // The key names each column (area_code=E08000012), so warnings about a group say which it is.
            var key = string.Join(KeySeparator, values.Select((v, i) => columns.Groups[i] + "=" + v));
            groupValues.TryAdd(key, values);
            records.Add(new SiiRecord(key, Number(quantile), Number(population), Number(value))
            {
                StandardError = Number(se),
                LowerCl = Number(lower),
                UpperCl = Number(upper),
            });
        }

        return new SiiCsvInput(columns, records, groupValues);
    }
}
