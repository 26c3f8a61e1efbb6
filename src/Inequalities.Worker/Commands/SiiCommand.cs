using System.CommandLine;
using System.Globalization;
using CsvHelper;
using Inequalities.Core.Measures;

namespace Inequalities.Worker.Commands;

/// <summary>
/// The <c>sii</c> verb: slope (and relative) index of inequality of any quantile table, by the OHID/PHE method,
/// reading and writing CSV.
/// </summary>
internal static class SiiCommand
{
    private const char KeySeparator = '\u001F';

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
                var settings = new Settings(
                    parseResult.GetValue(input)!, parseResult.GetValue(output)!, parseResult.GetValue(quantile)!,
                    parseResult.GetValue(population)!, parseResult.GetValue(value)!, parseResult.GetValue(se),
                    parseResult.GetValue(lower), parseResult.GetValue(upper), SplitList(parseResult.GetValue(group)));
                var options = new SiiOptions
                {
                    ValueType = (SiiValueType)parseResult.GetValue(valueType),
                    Transform = parseResult.GetValue(transform),
                    Multiplier = parseResult.GetValue(multiplier),
                    Repetitions = parseResult.GetValue(repetitions),
                    Confidence = ParseLevels(parseResult.GetValue(confidence)!),
                    Rii = parseResult.GetValue(rii),
                    Seed = parseResult.GetValue(seed),
                    ErrorInput = settings.Se is null ? SiiErrorInput.ConfidenceLimits : SiiErrorInput.StandardError,
                };
                Run(settings, options, parseResult.InvocationConfiguration.Output, cancellationToken);
                return Task.FromResult(0);
            }
            catch (Exception e) when (e is ArgumentException or FormatException or IOException or CsvFormatException)
            {
                error.WriteLine($"sii: {Display(e.Message)}");
                return Task.FromResult(1);
            }
        });
        return command;
    }

    private sealed record Settings(
        FileInfo Input, FileInfo Output, string Quantile, string Population, string Value, string? Se, string? Lower,
        string? Upper, IReadOnlyList<string> Groups);

    private static void Run(Settings settings, SiiOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        if (settings.Se is not null && (settings.Lower is not null || settings.Upper is not null))
        {
            throw new ArgumentException("give either --se or both --lower and --upper, not both");
        }

        if (settings.Se is null && (settings.Lower is null || settings.Upper is null))
        {
            throw new ArgumentException("give either --se or both --lower and --upper");
        }

        var (records, groupValues) = Read(settings, cancellationToken);
        var result = Sii.Calculate(records, options);
        foreach (var warning in result.Warnings)
        {
            log.WriteLine($"sii: warning: {Display(warning)}");
        }

        Write(settings, options, result, groupValues);
        log.WriteLine($"sii: wrote {result.Groups.Count} group(s) to {settings.Output.FullName}"
            + (result.DroppedGroups.Count > 0 ? $"; {result.DroppedGroups.Count} incomplete group(s) left out (see the warnings)" : string.Empty));
    }

    private static (List<SiiRecord> Records, Dictionary<string, string[]> GroupValues) Read(Settings settings, CancellationToken cancellationToken)
    {
        var path = settings.Input.FullName;
        if (!settings.Input.Exists)
        {
            throw new FileNotFoundException($"input file '{path}' does not exist", path);
        }

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

        var quantile = Column(settings.Quantile, "--quantile");
        var population = Column(settings.Population, "--population");
        var value = Column(settings.Value, "--value");
        var se = settings.Se is null ? -1 : Column(settings.Se, "--se");
        var lower = settings.Lower is null ? -1 : Column(settings.Lower, "--lower");
        var upper = settings.Upper is null ? -1 : Column(settings.Upper, "--upper");
        var groups = settings.Groups.Select(g => Column(g, "--group")).ToArray();

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
            var key = string.Join(KeySeparator, values.Select((v, i) => settings.Groups[i] + "=" + v));
            groupValues.TryAdd(key, values);
            records.Add(new SiiRecord(key, Number(quantile), Number(population), Number(value))
            {
                StandardError = Number(se),
                LowerCl = Number(lower),
                UpperCl = Number(upper),
            });
        }

        return (records, groupValues);
    }

    private static void Write(Settings settings, SiiOptions options, SiiResult result, Dictionary<string, string[]> groupValues)
    {
        var levels = options.Confidence.Select(ConfidenceLevels.Normalize).ToArray();
        using var stream = File.Create(settings.Output.FullName);
        using var csv = CsvWriter.Create(stream);
        foreach (var g in settings.Groups)
        {
            csv.WriteField(g);
        }

        foreach (var prefix in options.Rii ? new[] { "sii", "rii" } : ["sii"])
        {
            csv.WriteField(prefix);
            foreach (var level in levels)
            {
                csv.WriteField($"{prefix}_lower{ConfidenceLevels.Suffix(level)}cl");
                csv.WriteField($"{prefix}_upper{ConfidenceLevels.Suffix(level)}cl");
            }
        }

        csv.EndRecord();
        foreach (var group in result.Groups)
        {
            foreach (var v in groupValues[group.Group])
            {
                csv.WriteField(v);
            }

            WriteBlock(csv, group.Sii, group.SiiLimits);
            if (options.Rii)
            {
                WriteBlock(csv, group.Rii, group.RiiLimits);
            }

            csv.EndRecord();
        }
    }

    private static void WriteBlock(CsvWriter csv, double point, IReadOnlyList<ConfidenceInterval> limits)
    {
        csv.WriteField(point.ToString("R", CultureInfo.InvariantCulture));
        foreach (var limit in limits)
        {
            csv.WriteField(limit.Lower.ToString("R", CultureInfo.InvariantCulture));
            csv.WriteField(limit.Upper.ToString("R", CultureInfo.InvariantCulture));
        }
    }

    /// <summary>A library message with group keys shown as <c>column=value, column=value</c>.</summary>
    private static string Display(string message) => message.Replace(KeySeparator.ToString(), ", ", StringComparison.Ordinal);

    private static string[] SplitList(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static double[] ParseLevels(string text) =>
        SplitList(text).Select(s => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var level)
            ? level
            : throw new FormatException($"--confidence: '{s}' is not a number")).ToArray();
}
