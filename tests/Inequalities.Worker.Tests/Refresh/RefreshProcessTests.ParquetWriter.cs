using System.Text;
using Inequalities.Lake.Snapshots;
using Inequalities.TestSupport;

namespace Inequalities.Worker.Tests.Refresh;

/// <summary><c>INEQUALITIES_PARQUET_WRITER</c>: the refresh writes the lake with Parquet.Net when told to (the fallback where ParquetSharp's native library cannot load).</summary>
public sealed partial class RefreshProcessTests
{
    private const string ParquetWriterVariable = "INEQUALITIES_PARQUET_WRITER";

    [Fact]
    public async Task Refresh_ParquetWriterManaged_PublishesFilesWrittenByParquetNet()
    {
        var lake = _temp.Combine("lake");

        var (code, _, stderr) = await RunAsync(
            ["refresh", "--config", SharedConfig, "--lake", lake, "--only", "iod2019-file1,lookup-lsoa11-lsoa21,lookup-lad-cauth"],
            SharedData.RepoRoot,
            new Dictionary<string, string> { [ParquetWriterVariable] = "managed" });

        Assert.True(code == 0, stderr);
        Assert.Single(stderr.Split('\n'), l => l.Contains("Parquet writer: Parquet.Net (managed); INEQUALITIES_PARQUET_WRITER=managed", StringComparison.Ordinal));
        var snapshot = LakeSnapshot.OpenCurrent(lake);
        var files = Directory.GetFiles(snapshot.Directory, "*.parquet", SearchOption.AllDirectories);
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            // The footer's created_by names the writing library: Parquet.Net's, not Arrow's parquet-cpp.
            var footer = Encoding.ASCII.GetString(File.ReadAllBytes(file)[^Math.Min(4096, (int)new FileInfo(file).Length)..]);
            Assert.Contains("Parquet.Net", footer, StringComparison.Ordinal);
            Assert.DoesNotContain("parquet-cpp", footer, StringComparison.Ordinal);
        }

        foreach (var entry in snapshot.Manifest.Tables)
        {
            Assert.Equal(entry.Rows, (await snapshot.ReadTableAsync(entry.Name)).RowCount);
        }
    }

    [Fact]
    public async Task Refresh_ParquetWriterUnknown_ExitsOneNamingTheVariableBeforeFetching()
    {
        var lake = _temp.Combine("lake");

        var (code, _, stderr) = await RunAsync(
            ["refresh", "--config", SharedConfig, "--lake", lake],
            SharedData.RepoRoot,
            new Dictionary<string, string> { [ParquetWriterVariable] = "fast" });

        Assert.Equal(1, code);
        Assert.Contains("INEQUALITIES_PARQUET_WRITER is 'fast'; expected managed (Parquet.Net), native (ParquetSharp) or auto", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(new LakeLayout(lake).RawDirectory), "nothing is fetched");
        Assert.Null(new LakeLayout(lake).ReadCurrentId());
    }
}
