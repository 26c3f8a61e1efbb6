using System.CommandLine;
using System.Globalization;
using Inequalities.Core.Measures;
using Inequalities.Lake.Csv;

namespace Inequalities.Worker.Commands;

/// <summary>
/// The <c>sii</c> verb: slope (and relative) index of inequality of any quantile table, by the OHID/PHE method,
/// reading and writing CSV.
/// </summary>
internal static class SiiCommand
{
    /// <summary>Builds the <c>sii</c> command.</summary>
    /// <returns>The command, ready to add to the root command.</returns>
    public static Command Create()
    {
        var input = new Option<FileInfo>("--input") { Description = "Input CSV (header row, comma separated, invariant numbers).", Required = true };
        var output = new Option<FileInfo>("--output") { Description = "Output CSV.", Required = true };
        var quantile = new Option<string>("--quantile") { Description = "Quantile column (1 = most deprived).", Required = true };
        var population = new Option<string>("--population") { Description = "Population column.", Required = true };
        var value = new Option<string>("--value") { Description = "Indicator value column (proportions on 0–1).", Required = true };
        var se = new Option<string?>("--se") { Description = "Standard error column (log/logit scale for value types 1/2)." };
        var lower = new Option<string?>("--lower") { Description = "Lower 95% confidence limit column." };
        var upper = new Option<string?>("--upper") { Description = "Upper 95% confidence limit column." };
        var group = new Option<string?>("--group") { Description = "Grouping columns, comma separated." };
        var valueType = new Option<int>("--value-type") { Description = "0 normal (default), 1 rate, 2 proportion.", DefaultValueFactory = _ => 0 };
        var transform = new Option<bool>("--transform") { Description = "Fit on the log/logit scale (value types 1/2; needs --lower/--upper)." };
        var multiplier = new Option<double>("--multiplier") { Description = "SII multiplier (default 1).", DefaultValueFactory = _ => 1 };
        var repetitions = new Option<int>("--repetitions") { Description = "Simulation repetitions (default 100000, minimum 1000).", DefaultValueFactory = _ => 100_000 };
        var confidence = new Option<string>("--confidence") { Description = "Confidence levels, comma separated (default 0.95).", DefaultValueFactory = _ => "0.95" };
        var rii = new Option<bool>("--rii") { Description = "Also output the relative index of inequality." };
        var seed = new Option<ulong?>("--seed") { Description = "Random seed (reproducible output)." };

        var command = new Command(
            "sii",
            "Slope and relative index of inequality (OHID/PHE method) of a quantile table. A group with a missing quantile, value, "
            + "population, standard error or limit is left out with a warning naming it and why, and the others are computed "
            + "(exit 0); when no group is complete the command fails (exit 1).");
        foreach (var option in new Option[] { input, output, quantile, population, value, se, lower, upper, group, valueType, transform, multiplier, repetitions, confidence, rii, seed })
        {
            command.Options.Add(option);
        }

        command.SetAction((parseResult, cancellationToken) =>
        {
            var error = parseResult.InvocationConfiguration.Error;
            try
            {
                var columns = new SiiCsvColumns(parseResult.GetValue(quantile)!, parseResult.GetValue(population)!, parseResult.GetValue(value)!)
                {
                    Se = parseResult.GetValue(se),
                    Lower = parseResult.GetValue(lower),
                    Upper = parseResult.GetValue(upper),
                    Groups = SplitList(parseResult.GetValue(group)),
                };
                var options = new SiiOptions
                {
                    ValueType = (SiiValueType)parseResult.GetValue(valueType),
                    Transform = parseResult.GetValue(transform),
                    Multiplier = parseResult.GetValue(multiplier),
                    Repetitions = parseResult.GetValue(repetitions),
                    Confidence = ParseLevels(parseResult.GetValue(confidence)!),
                    Rii = parseResult.GetValue(rii),
                    Seed = parseResult.GetValue(seed),
                    ErrorInput = columns.Se is null ? SiiErrorInput.ConfidenceLimits : SiiErrorInput.StandardError,
                };
                Run(parseResult.GetValue(input)!, parseResult.GetValue(output)!, columns, options, parseResult.InvocationConfiguration.Output, cancellationToken);
                return Task.FromResult(0);
            }
            catch (Exception e) when (e is ArgumentException or FormatException or IOException)
            {
                error.WriteLine($"sii: {SiiCsv.Readable(e.Message)}");
                return Task.FromResult(1);
            }
        });
        return command;
    }

    private static void Run(FileInfo input, FileInfo output, SiiCsvColumns columns, SiiOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        if (columns.Se is not null && (columns.Lower is not null || columns.Upper is not null))
        {
            throw new ArgumentException("give either --se or both --lower and --upper, not both");
        }

        if (columns.Se is null && (columns.Lower is null || columns.Upper is null))
        {
            throw new ArgumentException("give either --se or both --lower and --upper");
        }

        var table = SiiCsv.Read(input.FullName, columns, cancellationToken);
        var result = Sii.Calculate(table.Records, options);
        foreach (var warning in result.Warnings)
        {
            log.WriteLine($"sii: warning: {SiiCsv.Readable(warning)}");
        }

        SiiCsv.Write(output.FullName, table, options, result);
        log.WriteLine($"sii: wrote {result.Groups.Count} group(s) to {output.FullName}"
            + (result.DroppedGroups.Count > 0 ? $"; {result.DroppedGroups.Count} incomplete group(s) left out (see the warnings)" : string.Empty));
    }

    private static string[] SplitList(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static double[] ParseLevels(string text) =>
        SplitList(text).Select(s => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var level)
            ? level
            : throw new FormatException($"--confidence: '{s}' is not a number")).ToArray();
}
