using Inequalities.Core.Columnar;

namespace Inequalities.Core.Tests.Columnar;

public sealed class GroupByTests
{
    private const double Tolerance = 1e-9;

    [Fact]
    public void Aggregate_TwoKeysRandomData_MatchesNaiveLinq()
    {
        var random = new Random(20251130);
        const int rows = 20_000;
        var lads = new[] { "E06000006", "E08000011", "E08000012", "E08000013", "E08000014", "E08000015" };
        var lad = new string?[rows];
        var decile = new int?[rows];
        var value = new double?[rows];
        var population = new int?[rows];
        for (var i = 0; i < rows; i++)
        {
            lad[i] = random.Next(50) == 0 ? null : lads[random.Next(lads.Length)];
            decile[i] = random.Next(50) == 0 ? null : random.Next(1, 11);
            value[i] = random.Next(8) == 0 ? null : random.NextDouble() * 100;
            population[i] = random.Next(8) == 0 ? null : random.Next(1000, 3000);
        }

        var table = new TableBuilder("lsoa").Add("lad_code", lad).AddNullable<int>("decile", decile)
            .AddNullable<double>("value", value).AddNullable<int>("population", population).Build();

        var result = table.GroupBy("lad_code", "decile").Aggregate(
            Aggregation.Count("rows"),
            Aggregation.CountValid("value", "values"),
            Aggregation.Sum("population"),
            Aggregation.Sum("value", "value_sum"),
            Aggregation.Mean("value", "value_mean"),
            Aggregation.WeightedMean("value", "population", "weighted"));

        var expected = Enumerable.Range(0, rows)
            .Where(i => lad[i] is not null && decile[i] is not null)
            .GroupBy(i => (lad[i], decile[i]))
            .Select(g => new
            {
                g.Key,
                Rows = g.LongCount(),
                Values = g.LongCount(i => value[i] is not null),
                Population = g.Sum(i => (long?)population[i]),
                ValueSum = g.Sum(i => value[i]),
                Mean = g.Average(i => value[i]),
                Weighted = g.Where(i => value[i] is not null && population[i] is not null).Sum(i => value[i]!.Value * population[i]!.Value)
                    / g.Where(i => value[i] is not null && population[i] is not null).Sum(i => (double)population[i]!.Value),
            })
            .ToArray();

        Assert.Equal(expected.Length, result.RowCount);
        Assert.Equal(6 * 10, result.RowCount);
        for (var g = 0; g < expected.Length; g++)
        {
            var e = expected[g];
            Assert.Equal(e.Key.Item1, result.Strings("lad_code")[g]);
            Assert.Equal(e.Key.Item2, result.Primitive<int>("decile")[g]);
            Assert.Equal(e.Rows, result.Primitive<long>("rows")[g]);
            Assert.Equal(e.Values, result.Primitive<long>("values")[g]);
            Assert.Equal(e.Population, result.Primitive<long>("population")[g]);
            Assert.Equal(e.ValueSum!.Value, result.Primitive<double>("value_sum")[g]!.Value, Tolerance);
            Assert.Equal(e.Mean!.Value, result.Primitive<double>("value_mean")[g]!.Value, Tolerance);
            Assert.Equal(e.Weighted, result.Primitive<double>("weighted")[g]!.Value, Tolerance);
        }
    }

    [Fact]
    public void Aggregate_NoKeys_WholeTableViaVectorisedPath()
    {
        var random = new Random(3);
        var values = Enumerable.Range(0, 10_001).Select(_ => random.NextDouble()).ToArray();
        var weights = Enumerable.Range(0, 10_001).Select(_ => random.NextDouble() * 5).ToArray();
        var table = new TableBuilder("t").Add<double>("v", values).Add<double>("w", weights).Build();

        var result = table.GroupBy().Aggregate(Aggregation.Sum("v"), Aggregation.WeightedMean("v", "w", "wm"), Aggregation.Count());

        Assert.Equal(1, result.RowCount);
        Assert.Equal(values.Sum(), result.Primitive<double>("v")[0]!.Value, 1e-7);
        Assert.Equal(values.Zip(weights, (v, w) => v * w).Sum() / weights.Sum(), result.Primitive<double>("wm")[0]!.Value, Tolerance);
        Assert.Equal(10_001L, result.Primitive<long>("count")[0]);
    }

    [Fact]
    public void Aggregate_GroupWithoutValues_GivesNull()
    {
        var table = new TableBuilder("t").Add<int>("k", [1, 1, 2]).AddNullable<double>("v", [null, null, 3])
            .AddNullable<int>("n", [null, null, 4]).Add<double>("w", [0, 0, 0]).Build();

        var result = table.GroupBy("k").Aggregate(Aggregation.Sum("v"), Aggregation.Mean("v", "mean"), Aggregation.Sum("n"), Aggregation.WeightedMean("v", "w", "wm"));

        Assert.Null(result.Primitive<double>("v")[0]);
        Assert.Equal(3.0, result.Primitive<double>("v")[1]);
        Assert.Null(result.Primitive<double>("mean")[0]);
        Assert.Null(result.Primitive<long>("n")[0]);
        Assert.Equal(4L, result.Primitive<long>("n")[1]);
        Assert.Null(result.Primitive<double>("wm")[1]);
    }

    [Fact]
    public void GroupIds_FirstAppearanceOrderAndNullKeysLeftOut()
    {
        var table = new TableBuilder("t").AddNullable<int>("k", [2021, 2011, null, 2021]).Add<bool>("b", [true, true, true, false]).Build();

        var grouped = table.GroupBy("k", "b");

        Assert.Equal([0, 1, -1, 2], grouped.GroupIds.ToArray());
        Assert.Equal(3, grouped.GroupCount);
    }

    [Fact]
    public void Aggregate_StringValueColumn_Throws()
    {
        var table = new TableBuilder("lsoa").Add<int>("k", [1]).Add("name", ["x"]).Build();

        var ex = Assert.Throws<ArgumentException>(() => table.GroupBy("k").Aggregate(Aggregation.Mean("name")));

        Assert.Equal("Column 'name' in table 'lsoa' is String; aggregation needs a numeric column (UInt8, Int32, Int64, Float32 or Float64).", ex.Message);
    }
}
