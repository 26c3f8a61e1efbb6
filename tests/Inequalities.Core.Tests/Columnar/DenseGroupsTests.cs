using Inequalities.Core.Columnar;

namespace Inequalities.Core.Tests.Columnar;

public sealed class DenseGroupsTests
{
    private const double Tolerance = 1e-9;

    [Fact]
    public void IndexOf_SeparateDictionaries_MapsCodesAndMissing()
    {
        var keys = new TableBuilder("long").Add("lsoa_code", ["E01000003", "E01000001", "E09999999", null]).Build().Strings("lsoa_code");
        var entities = new TableBuilder("areas").Add("lsoa_code", ["E01000001", "E01000002", "E01000003"]).Build().Strings("lsoa_code");

        var index = DenseGroups.IndexOf(keys, entities);

        Assert.Equal(2, index[keys.Ids[0]]);
        Assert.Equal(0, index[keys.Ids[1]]);
        Assert.Equal(-1, index[keys.Ids[2]]);
    }

    [Fact]
    public void IndexOf_DuplicateEntity_ThrowsNamingBothRows()
    {
        var keys = new TableBuilder("long").Add("lsoa_code", ["E01000001"]).Build().Strings("lsoa_code");
        var entities = new TableBuilder("areas").Add("lsoa_code", ["E01000001", "E01000002", "E01000001"]).Build().Strings("lsoa_code");

        var ex = Assert.Throws<ArgumentException>(() => DenseGroups.IndexOf(keys, entities));

        Assert.StartsWith("Column 'lsoa_code' holds 'E01000001' at rows 0 and 2; entity keys must be unique.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WeightedMeanBy_RandomLongTable_MatchesJoinAndGroupBy()
    {
        var random = new Random(7);
        const int entities = 500, indicators = 7, districts = 9;
        var codes = Enumerable.Range(0, entities).Select(i => $"E01{i:000000}").ToArray();
        var lads = codes.Select(_ => $"E08{random.Next(districts):000000}").ToArray();
        var population = codes.Select(_ => random.Next(5) == 0 ? double.NaN : 500 + random.Next(3000)).ToArray();
        var deciles = codes.Select(_ => 1 + random.Next(10)).ToArray();
        var areas = new TableBuilder("areas").Add("lsoa_code", codes).Add("lad_code", lads).Add<double>("population", population).Add<int>("decile", deciles).Build();

        var rows = 20_000;
        var lsoa = new string?[rows];
        var indicator = new int[rows];
        var value = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            lsoa[i] = random.Next(100) == 0 ? "E09999999" : codes[random.Next(entities)];
            indicator[i] = random.Next(indicators);
            value[i] = random.Next(30) == 0 ? double.NaN : random.NextDouble() * 100;
        }

        var longTable = new TableBuilder("long").Add("lsoa_code", lsoa).Add<int>("indicator", indicator).Add<double>("value", value).Build();

        // Expected through the general path (NaN values and weights dropped first).
        var joined = longTable.Join(areas, "lsoa_code");
        var keep = new bool[joined.RowCount];
        for (var i = 0; i < keep.Length; i++)
        {
            keep[i] = !double.IsNaN(joined.Primitive<double>("value")[i]!.Value) && !double.IsNaN(joined.Primitive<double>("population")[i]!.Value);
        }

        var expected = joined.Filter(keep).GroupBy("indicator", "lad_code", "decile")
            .Aggregate(Aggregation.WeightedMean("value", "population", "mean"), Aggregation.Count("n"));

        var areaLsoa = areas.Strings("lsoa_code");
        var ladIds = areas.Strings("lad_code").Ids.ToArray();
        var entityGroups = Enumerable.Range(0, entities).Select(a => (ladIds[a] * 10) + deciles[a] - 1).ToArray();
        var ladCount = areas.Strings("lad_code").Dictionary.Count;
        var means = DenseGroups.WeightedMeanBy(
            longTable.Strings("lsoa_code").Ids.ToArray(), DenseGroups.IndexOf(longTable.Strings("lsoa_code"), areaLsoa),
            indicator, indicators, value, entityGroups, ladCount * 10, population, maxDegreeOfParallelism: 2);

        Assert.Equal(expected.RowCount, means.NonEmptyGroups());
        var ladDictionary = areas.Strings("lad_code").Dictionary;
        for (var g = 0; g < expected.RowCount; g++)
        {
            ladDictionary.TryGetId(expected.Strings("lad_code")[g]!, out var ladId);
            var entityGroup = (ladId * 10) + expected.Primitive<int>("decile")[g]!.Value - 1;
            var rowGroup = expected.Primitive<int>("indicator")[g]!.Value;
            Assert.Equal(expected.Primitive<long>("n")[g]!.Value, means.Count(rowGroup, entityGroup));
            Assert.Equal(expected.Primitive<double>("mean")[g]!.Value, means.Mean(rowGroup, entityGroup), Tolerance);
        }
    }

    [Fact]
    public void WeightedMeanBy_LengthsDiffer_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => DenseGroups.WeightedMeanBy(
            new[] { 0, 0 }, new[] { 0 }, new[] { 0 }, 1, new[] { 1.0, 2.0 }, new[] { 0 }, 1, new[] { 1.0 }));

        Assert.StartsWith("Per-row inputs differ in length: keys 2, rowGroups 1, values 2.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WeightedMeanBy_EntityGroupOutOfRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DenseGroups.WeightedMeanBy(
            new[] { 0 }, new[] { 0 }, new[] { 0 }, 1, new[] { 1.0 }, new[] { 3 }, 2, new[] { 1.0 }, maxDegreeOfParallelism: 1));
    }
}
