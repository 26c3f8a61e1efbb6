using System.Globalization;
using DuckDB.NET.Data;
using Inequalities.Lake.Analysis;
using Inequalities.Lake.Tests.Build;
using Inequalities.Lake.Tests.Parquet;
using Inequalities.TestSupport;

namespace Inequalities.Lake.Tests.Assets;

/// <summary>
/// The independent check of issue 13: across the LCR's LSOAs, how our density of registered organisations ranks
/// against the Community Needs Index 2023's Civic Assets score (OCSI's own measure of community assets; a higher
/// score is more need, fewer civic assets). The lake's figure (<see cref="AssetNeedData.RankCorrelationWith"/>, on
/// the lake's <c>deprivation</c> table) is recomputed by DuckDB from the snapshot's Parquet and the raw CNI file.
/// </summary>
[Collection(SharedLakeCollection.Name)]
public sealed class SharedLakeCivicAssetsTests(SharedLakeFixture lake)
{
    [Fact]
    public async Task Spearman_AssetDensityAgainstCivicAssets_MatchesDuckDbFromTheRawFiles()
    {
        var data = await AssetNeedData.ReadAsync(lake.Snapshot);
        var deprivation = await lake.Snapshot.ReadTableAsync("deprivation");
        var (rho, lsoas) = data.RankCorrelationWith(deprivation, "cni2023", "civic_assets", "E47000004");

        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        var need = Quote(Path.Combine(lake.Snapshot.Directory, "asset_need.parquet"));
        var cni = Quote(SharedData.DataFile("cni2023_england_lsoa21.csv.gz"));
        var row = Assert.Single(DuckDbInteropTests.QueryRows(connection, $"""
            WITH pairs AS (
              SELECT n.assets_per_10k AS x, c."Civic Assets Domain Score" AS y
              FROM read_parquet({need}) n
              JOIN read_csv({cni}, header = true) c ON c.lsoa21_code = n.lsoa_code
              WHERE n.cauth_code = 'E47000004' AND n.assets_per_10k IS NOT NULL AND c."Civic Assets Domain Score" IS NOT NULL),
            ranked AS (
              SELECT rank() OVER (ORDER BY x) + (count(*) OVER (PARTITION BY x) - 1) / 2.0 AS rx,
                     rank() OVER (ORDER BY y) + (count(*) OVER (PARTITION BY y) - 1) / 2.0 AS ry
              FROM pairs)
            SELECT corr(rx, ry), count(*) FROM ranked
            """));
        var duck = Convert.ToDouble(row[0], CultureInfo.InvariantCulture);

        Assert.Equal(1_003, lsoas);
        Assert.Equal(lsoas, Convert.ToInt64(row[1], CultureInfo.InvariantCulture));
        Assert.Equal(duck, rho, 1e-9);

        // Sanity: more registered organisations where OCSI finds more civic assets (a lower score), weakly; the
        // register holds co-operatives only, one kind of community organisation.
        Assert.InRange(rho, -0.5, -0.05);

        // The README prints the figure.
        var readme = await File.ReadAllTextAsync(Path.Combine(SharedData.RepoRoot, "README.md"));
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"Spearman's rho = {rho:0.00} across the 1,003 LCR LSOAs"), readme, StringComparison.Ordinal);
    }

    private static string Quote(string path) => "'" + path.Replace("'", "''", StringComparison.Ordinal) + "'";
}
