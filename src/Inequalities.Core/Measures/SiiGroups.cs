using System.Globalization;

namespace Inequalities.Core.Measures;

/// <summary>Why <see cref="Sii.Calculate"/> left a group out.</summary>
public enum SiiIncompleteReason
{
    /// <summary>The group has no row for one or more of the quantiles the input holds.</summary>
    MissingQuantile,

    /// <summary>The group has two rows for the same quantile.</summary>
    DuplicateQuantile,

    /// <summary>A quantile's value (or count, when the value is derived from it) is missing.</summary>
    MissingValue,

    /// <summary>A quantile's population is missing or zero.</summary>
    ZeroPopulation,

    /// <summary>A quantile's standard error is missing.</summary>
    NoStandardError,

    /// <summary>A quantile's lower or upper confidence limit is missing.</summary>
    NoConfidenceLimits,
}

/// <summary>A group <see cref="Sii.Calculate"/> left out, and why.</summary>
/// <param name="Group">The group key, as given in <see cref="SiiRecord.Group"/>.</param>
/// <param name="Reason">The first reason (in the order of <see cref="SiiIncompleteReason"/> as checked: missing
/// value, zero population, no standard error, no confidence limits, duplicate quantile, missing quantile).</param>
/// <param name="Detail">Every problem of the group in words, e.g. "quantile 10 has no standard error".</param>
public sealed record SiiDroppedGroup(string Group, SiiIncompleteReason Reason, string Detail)
{
    /// <summary>The warning text: <c>group '&lt;key&gt;' left out: &lt;detail&gt;</c>.</summary>
    public string Message => $"group '{Group}' left out: {Detail}";
}

/// <summary>
/// Splits SII input into groups, leaves out the incomplete ones (as the reference drops a group that lacks a quantile,
/// and here also a group with a missing value, population, standard error or limit) with a warning naming each group
/// and why, and prepares the complete ones for estimation. When no group is complete the input cannot give any result:
/// that is an error listing the problems.
/// </summary>
internal static class SiiGroups
{
    public static (List<SiiGroupModel> Models, IReadOnlyList<SiiDroppedGroup> Dropped) Build(
        IReadOnlyList<SiiRecord> records, SiiOptions options, double[] labels, List<string> warnings)
    {
        var groups = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var order = new List<string>();
        for (var i = 0; i < records.Count; i++)
        {
            var key = records[i].Group ?? string.Empty;
            if (!groups.TryGetValue(key, out var rows))
            {
                rows = [];
                groups[key] = rows;
                order.Add(key);
            }

            rows.Add(i);
        }

        var models = new List<SiiGroupModel>(order.Count);
        var dropped = new List<SiiDroppedGroup>();
        var missing = new Dictionary<SiiIncompleteReason, List<int>>();
        foreach (var key in order)
        {
            var rows = groups[key];
            rows.Sort((a, b) => records[a].Quantile.CompareTo(records[b].Quantile));
            var problems = new List<(SiiIncompleteReason Reason, string Text)>();
            Check(records, rows, options, problems, missing);
            var present = rows.Select(r => records[r].Quantile).ToList();
            var duplicates = present.GroupBy(q => q).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            if (duplicates.Count > 0)
            {
                problems.Add((SiiIncompleteReason.DuplicateQuantile, $"{Quantiles(duplicates)} {(duplicates.Count > 1 ? "appear" : "appears")} more than once"));
            }

            var absent = labels.Except(present).ToList();
            if (absent.Count > 0)
            {
                problems.Add((SiiIncompleteReason.MissingQuantile, $"no row for {Quantiles(absent)}"));
            }

            if (problems.Count == 0)
            {
                models.Add(SiiGroupModel.Create(key, records, rows, options));
                continue;
            }

            dropped.Add(new SiiDroppedGroup(key, problems[0].Reason, string.Join("; ", problems.Select(p => p.Text))));
        }

        if (models.Count == 0)
        {
            var problems = new List<string> { "no group is complete, so no slope index can be computed" };
            Sii.AddProblem(problems, missing.GetValueOrDefault(SiiIncompleteReason.MissingValue) ?? [], options.ValueFromCount ? "x (count) must not be missing" : "value must not be missing");
            Sii.AddProblem(problems, missing.GetValueOrDefault(SiiIncompleteReason.ZeroPopulation) ?? [], Sii.PopulationMessage);
            Sii.AddProblem(problems, missing.GetValueOrDefault(SiiIncompleteReason.NoStandardError) ?? [], Sii.StandardErrorMessage);
            Sii.AddProblem(problems, missing.GetValueOrDefault(SiiIncompleteReason.NoConfidenceLimits) ?? [], "lower and upper confidence limits must not be missing");
            problems.AddRange(dropped.Take(10).Select(d => d.Message));
            if (dropped.Count > 10)
            {
                problems.Add($"and {dropped.Count - 10} more groups");
            }

            Sii.Throw(problems);
        }

        if (dropped.Count > 0)
        {
            warnings.Add(Sii.RecordsRemovedWarning);
            warnings.AddRange(dropped.Select(d => d.Message));
        }

        return (models, dropped);
    }

    private static void Check(
        IReadOnlyList<SiiRecord> records, List<int> rows, SiiOptions options, List<(SiiIncompleteReason, string)> problems,
        Dictionary<SiiIncompleteReason, List<int>> missing)
    {
        var value = new List<double>();
        var population = new List<double>();
        var se = new List<double>();
        var cl = new List<double>();
        foreach (var row in rows)
        {
            var r = records[row];
            if (options.ValueFromCount ? double.IsNaN(r.Count) : double.IsNaN(r.Value))
            {
                value.Add(r.Quantile);
                Note(missing, SiiIncompleteReason.MissingValue, row);
            }

            if (double.IsNaN(r.Population) || r.Population == 0)
            {
                population.Add(r.Quantile);
                Note(missing, SiiIncompleteReason.ZeroPopulation, row);
            }

            if (options.ErrorInput == SiiErrorInput.StandardError && double.IsNaN(r.StandardError))
            {
                se.Add(r.Quantile);
                Note(missing, SiiIncompleteReason.NoStandardError, row);
            }

            if (options.ErrorInput == SiiErrorInput.ConfidenceLimits && (double.IsNaN(r.LowerCl) || double.IsNaN(r.UpperCl)))
            {
                cl.Add(r.Quantile);
                Note(missing, SiiIncompleteReason.NoConfidenceLimits, row);
            }
        }

        Add(problems, SiiIncompleteReason.MissingValue, value, "no value");
        Add(problems, SiiIncompleteReason.ZeroPopulation, population, "a missing or zero population");
        Add(problems, SiiIncompleteReason.NoStandardError, se, "no standard error");
        Add(problems, SiiIncompleteReason.NoConfidenceLimits, cl, "no confidence limits");
    }

    private static void Note(Dictionary<SiiIncompleteReason, List<int>> missing, SiiIncompleteReason reason, int row)
    {
        if (!missing.TryGetValue(reason, out var rows))
        {
            rows = [];
            missing[reason] = rows;
        }

        rows.Add(row);
    }

    private static void Add(List<(SiiIncompleteReason, string)> problems, SiiIncompleteReason reason, List<double> quantiles, string what)
    {
        if (quantiles.Count > 0)
        {
            problems.Add((reason, $"{Quantiles(quantiles)} {(quantiles.Count > 1 ? "have" : "has")} {what}"));
        }
    }

    private static string Quantiles(IReadOnlyCollection<double> quantiles) =>
        (quantiles.Count > 1 ? "quantiles " : "quantile ") + string.Join(", ", quantiles.Select(q => q.ToString("G", CultureInfo.InvariantCulture)));
}
