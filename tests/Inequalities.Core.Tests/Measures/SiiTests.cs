using System.Diagnostics;
using System.Globalization;
using Inequalities.Core.Measures;

namespace Inequalities.Core.Tests.Measures;

public sealed class SiiTests
{
    private static readonly TestCsv Data = TestCsv.Anchor("sii_testdata.csv");
    private static readonly TestCsv Cases = TestCsv.Anchor("sii_cases.csv");

    public static TheoryData<string> SiiCases() => [.. Cases.Rows.Select(r => r["case_id"]).Where(id => id.StartsWith("sii", StringComparison.Ordinal))];

    public static TheoryData<string> ErrorCases() => [.. Cases.Rows.Select(r => r["case_id"]).Where(id => id.StartsWith("err", StringComparison.Ordinal))];

    [Theory]
    [MemberData(nameof(SiiCases))]
    public void Calculate_UpstreamCase_ReproducesPointEstimatesAndSimulatedLimits(string caseId)
    {
        var c = Cases.Rows.Single(r => r["case_id"] == caseId);
        var (records, options) = Build(c);
        options = options with { Seed = 20241213, Repetitions = Math.Max(options.Repetitions, 20_000) };
        var result = Sii.Calculate(records, options);

        var expectedRows = RecordNumbers(c["expected_records"]).Select(n => Data.Rows[n - 1]).ToList();
        var byKey = result.Groups.ToDictionary(g => g.Group);
        var groups = expectedRows.Select(r => byKey[Key(r)]).ToList();
        var columns = c["expected_columns"].Split(',');
        foreach (var column in columns)
        {
            var expected = expectedRows.Select(r => r.Num(column)).ToList();
            var actual = groups.Select(g => Actual(g, column)).ToList();
            var deterministic = column is "sii" or "rii" or "Intercept";

            // Point estimates are deterministic (1e-9); limits are Monte-Carlo: upstream's 5 % mean relative difference.
            Compare.MeanRelative(actual, expected, deterministic ? 1e-9 : 0.05, $"{caseId} {column}");
        }
    }

    [Theory]
    [MemberData(nameof(ErrorCases))]
    public void Calculate_InvalidUpstreamInput_Throws(string caseId)
    {
        var c = Cases.Rows.Single(r => r["case_id"] == caseId);
        var (records, options) = Build(c);
        var error = Assert.Throws<ArgumentException>(() => Sii.Calculate(records, options with { Repetitions = 1000 }));
        var note = c["note"];
        var fragment = note switch
        {
            _ when note.Contains("population", StringComparison.Ordinal) => "population",
            _ when note.Contains("standard error", StringComparison.Ordinal) => "standard errors",
            _ when note.Contains("count x", StringComparison.Ordinal) => "x (count)",
            _ when note.Contains("value proportions", StringComparison.Ordinal) => "values must be between 0 and 1",
            _ when note.Contains("CL proportions", StringComparison.Ordinal) => "confidence limits must be between 0 and 1",
            _ when note.Contains("number of quantiles", StringComparison.Ordinal) => "number of quantiles",
            _ when note.Contains("missing lower or upper", StringComparison.Ordinal) => "confidence limits must not be missing",
            _ => throw new InvalidOperationException($"unmapped error case {caseId}"),
        };
        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Calculate_GroupMissingAQuantile_DropsGroupWithWarning()
    {
        var c = Cases.Rows.Single(r => r["case_id"] == "warn01");
        var (records, options) = Build(c);
        var result = Sii.Calculate(records, options with { Repetitions = 1000, Seed = 1 });
        Assert.Single(result.Groups);
        Assert.Equal(Key(Data.Rows[0]), result.Groups[0].Group);
        Assert.Contains(Sii.RecordsRemovedWarning, result.Warnings);
    }

    [Fact]
    public void Calculate_MoreThanTenQuantiles_Warns()
    {
        var c = Cases.Rows.Single(r => r["case_id"] == "warn02");
        var (records, options) = Build(c);
        var result = Sii.Calculate(records, options with { Repetitions = 1000, Seed = 1 });
        Assert.Contains(Sii.ManyQuantilesWarning, result.Warnings);
        Assert.NotEmpty(result.Groups);
    }

    [Fact]
    public void Calculate_HandCheckArea1_MatchesSpecToE13()
    {
        var records = Data.Rows.Take(10).Select(r => ToRecord(r, false)).ToList();
        var g = Sii.Calculate(records, new SiiOptions { Repetitions = 1000, Seed = 3 }).Groups.Single();
        Compare.Relative(g.Sii, 6.9346164736688, 1e-12, "sii");
        Compare.Relative(g.Rii, 1.0888180804446, 1e-12, "rii");
        Compare.Relative(g.Intercept, 78.0766307823, 1e-11, "intercept");
    }

    [Theory]
    [InlineData(0, false, 1)]
    [InlineData(1, true, 1)]
    [InlineData(2, true, -1)]
    public void Calculate_ClosedForm_AgreesWithSimulationWithinMonteCarloNoise(int valueType, bool transform, double multiplier)
    {
        var range = valueType switch { 0 => (1, 20), 1 => (306, 325), _ => (346, 365) };
        var records = Data.Rows.Skip(range.Item1 - 1).Take(range.Item2 - range.Item1 + 1).Select(r => ToRecord(r, false) with
        {
            StandardError = double.NaN,
        }).ToList();
        var options = new SiiOptions
        {
            ValueType = (SiiValueType)valueType,
            Transform = transform,
            ErrorInput = SiiErrorInput.ConfidenceLimits,
            Multiplier = multiplier,
            Rii = true,
            Confidence = [0.95, 0.998],
            Repetitions = 200_000,
            Seed = 7,
        };
        var closed = Sii.Calculate(records, options);
        var simulated = Sii.Calculate(records, options with { ClosedFormWhereExact = false });
        foreach (var (a, b) in closed.Groups.Zip(simulated.Groups))
        {
            for (var c = 0; c < 2; c++)
            {
                var width = a.SiiLimits[c].Upper - a.SiiLimits[c].Lower;

                // Standard error of a tail order statistic at 200 000 reps is well under 1 % of the width.
                Assert.InRange(Math.Abs(a.SiiLimits[c].Lower - b.SiiLimits[c].Lower), 0, 0.02 * width);
                Assert.InRange(Math.Abs(a.SiiLimits[c].Upper - b.SiiLimits[c].Upper), 0, 0.02 * width);

                // RII: Fieller's exact ratio quantiles (normal) or back-transformed SII limits (transformed).
                var riiWidth = a.RiiLimits[c].Upper - a.RiiLimits[c].Lower;
                Assert.InRange(Math.Abs(a.RiiLimits[c].Lower - b.RiiLimits[c].Lower), 0, 0.02 * riiWidth);
                Assert.InRange(Math.Abs(a.RiiLimits[c].Upper - b.RiiLimits[c].Upper), 0, 0.02 * riiWidth);
            }
        }
    }

    [Fact]
    public void FiellerRii_InterceptNearZero_FallsBackToSimulation() =>
        Assert.Null(SiiSimulation.FiellerRii(1, 0.5, 1, 0, 1, 1, [0.95]));

    [Fact]
    public void Calculate_SameSeed_IdenticalWhateverTheThreadCount()
    {
        var records = LeExample();
        var options = new SiiOptions
        {
            Rii = true, Repetitions = 10_000, Seed = 99, Confidence = [0.95, 0.998], ClosedFormWhereExact = false,
        };
        var one = Sii.Calculate(records, options with { MaxDegreeOfParallelism = 1 });
        var many = Sii.Calculate(records, options with { MaxDegreeOfParallelism = 4 });
        Assert.Equal(one.Groups.Count, many.Groups.Count);
        for (var i = 0; i < one.Groups.Count; i++)
        {
            Assert.Equal(one.Groups[i].RiiLimits, many.Groups[i].RiiLimits);
            Assert.Equal(one.Groups[i].SiiLimits, many.Groups[i].SiiLimits);
        }
    }

    [Fact]
    public void Calculate_LifeExpectancyExample_SimulatedDropsScillyAndBracketsEveryRii()
    {
        var records = LeExample();

        // Closed forms off: SII and RII simulated for every group. Speed is the benchmark's business
        // (benchmarks/results, SiiBenchmark at 100,000 repetitions); tests never assert timings.
        var options = new SiiOptions { Rii = true, Repetitions = 10_000, Seed = 5, ClosedFormWhereExact = false };
        var result = Sii.Calculate(records, options);

        var groupCount = records.Select(r => r.Group).Distinct().Count();
        Assert.Contains(Sii.RecordsRemovedWarning, result.Warnings);
        Assert.DoesNotContain(result.Groups, g => g.Group.Contains("E06000053", StringComparison.Ordinal));
        Assert.True(result.Groups.Count >= groupCount - 2, $"{result.Groups.Count} of {groupCount} groups kept");
        Assert.All(result.Groups, g => Assert.True(g.RiiLimits[0].Lower < g.Rii && g.Rii < g.RiiLimits[0].Upper));
    }

    [Fact]
    public void Calculate_ReliabilityStatistic_ReportsSmallMad()
    {
        var records = Data.Rows.Take(20).Select(r => ToRecord(r, false)).ToList();
        var result = Sii.Calculate(records, new SiiOptions { Rii = true, ReliabilityStatistic = true, Repetitions = 10_000, Seed = 11 });
        Assert.Equal("simulation 100000 reps", result.Method);
        foreach (var g in result.Groups)
        {
            var rel = Assert.Single(g.Reliability);
            var width = g.SiiLimits[0].Upper - g.SiiLimits[0].Lower;
            Assert.InRange(rel.SiiMad, 1e-9, 0.05 * width);
            Assert.InRange(rel.RiiMad, 1e-12, 0.05 * (g.RiiLimits[0].Upper - g.RiiLimits[0].Lower));
        }
    }

    [Fact]
    public void Validate_SeveralBadOptions_ListsEveryProblem()
    {
        var options = new SiiOptions { Repetitions = 10, Transform = true, Confidence = [0.5], Multiplier = 0 };
        var error = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Contains("repetitions", error.Message, StringComparison.Ordinal);
        Assert.Contains("value_type should be 1 or 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("lower_cl and upper_cl", error.Message, StringComparison.Ordinal);
        Assert.Contains("confidence level", error.Message, StringComparison.Ordinal);
        Assert.Contains("multiplier", error.Message, StringComparison.Ordinal);
    }

    internal static List<SiiRecord> LeExample()
    {
        var le = TestCsv.Anchor("sii_example_input_le_by_decile.csv");
        return le.Rows.Select(r => new SiiRecord(r["Sex"] + "|" + r["GeoCode"], r.Num("Decile"), r.Num("Pop"), r.Num("LifeExp"))
        {
            StandardError = r.Num("SE"),
        }).ToList();
    }

    private static (List<SiiRecord> Records, SiiOptions Options) Build(CsvRow c)
    {
        var fromCount = c["value_source"] == "Count/Population";
        var records = RecordNumbers(c["input_records"]).Select(n => ToRecord(Data.Rows[n - 1], fromCount)).ToList();
        var useSe = c["ci_input"] == "se";
        records = records.Select(r => useSe ? r with { LowerCl = double.NaN, UpperCl = double.NaN } : r with { StandardError = double.NaN }).ToList();
        var confidence = c["confidence"].Length == 0
            ? [0.95]
            : c["confidence"].Split(';').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToList();
        var options = new SiiOptions
        {
            ValueType = (SiiValueType)int.Parse(c["value_type"], CultureInfo.InvariantCulture),
            Transform = bool.Parse(c["transform"]),
            ErrorInput = useSe ? SiiErrorInput.StandardError : SiiErrorInput.ConfidenceLimits,
            ValueFromCount = fromCount,
            Multiplier = c.Num("multiplier"),
            Repetitions = c["repetitions"].Length == 0 ? 100_000 : int.Parse(c["repetitions"], CultureInfo.InvariantCulture),
            Confidence = confidence,
            Rii = bool.Parse(c["rii"]),
        };
        return (records, options);
    }

    private static SiiRecord ToRecord(CsvRow r, bool fromCount) =>
        new(Key(r), r.Num("Quantile"), r.Num("Population"), fromCount ? double.NaN : r.Num("Value"))
        {
            Count = r.Num("Count"),
            StandardError = r.Num("StandardError"),
            LowerCl = r.Num("LowerCL"),
            UpperCl = r.Num("UpperCL"),
        };

    private static string Key(CsvRow r) => r["Area"] + "|" + r["Grouping1"] + "|" + r["Grouping2"];

    private static IEnumerable<int> RecordNumbers(string ranges) =>
        ranges.Split(';').SelectMany(part =>
        {
            var bounds = part.Split('-').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
            return Enumerable.Range(bounds[0], bounds[^1] - bounds[0] + 1);
        });

    private static double Actual(SiiGroupResult g, string column) => column switch
    {
        "sii" => g.Sii,
        "rii" => g.Rii,
        "Intercept" => g.Intercept,
        "sii_lowercl_1" => g.SiiLimits[0].Lower,
        "sii_uppercl_1" => g.SiiLimits[0].Upper,
        "sii_lowercl_2" => g.SiiLimits[1].Lower,
        "sii_uppercl_2" => g.SiiLimits[1].Upper,
        "rii_lowercl_1" => g.RiiLimits[0].Lower,
        "rii_uppercl_1" => g.RiiLimits[0].Upper,
        "rii_lowercl_2" => g.RiiLimits[1].Lower,
        "rii_uppercl_2" => g.RiiLimits[1].Upper,
        _ => throw new ArgumentOutOfRangeException(nameof(column), column, "unknown expected column"),
    };
}
