using System.Text.Json;
using Inequalities.Lake.Operations;
using Inequalities.Lake.Snapshots;
using Inequalities.Sources.Fetch;

namespace Inequalities.Lake.Tests.Operations;

/// <summary>
/// The source status in manifest.json and status.json: the same strings as before the four status types became one
/// (<c>fetched</c>, <c>unchanged</c>, <c>failed</c>; <c>not_due</c> in status.json), read back to the same value.
/// </summary>
public sealed class SourceStatusJsonTests
{
    [Theory]
    [InlineData(SourceStatus.Fetched, "fetched")]
    [InlineData(SourceStatus.Unchanged, "unchanged")]
    [InlineData(SourceStatus.Failed, "failed")]
    public void ManifestStatus_RoundTrip_WritesTheContractName(SourceStatus status, string name)
    {
        var provenance = new SourceProvenance { Id = "iod2019", Url = "https://example.org/iod.csv", Licence = "OGL-3.0", Status = status };

        var json = JsonSerializer.Serialize(provenance, SnapshotManifest.JsonOptions);

        Assert.Equal(name, JsonDocument.Parse(json).RootElement.GetProperty("status").GetString());
        Assert.Equal(status, JsonSerializer.Deserialize<SourceProvenance>(json, SnapshotManifest.JsonOptions)!.Status);
    }

    [Theory]
    [InlineData(SourceStatus.Fetched, "fetched")]
    [InlineData(SourceStatus.Unchanged, "unchanged")]
    [InlineData(SourceStatus.Failed, "failed")]
    [InlineData(SourceStatus.NotDue, "not_due")]
    public void StatusJsonSourceState_RoundTrip_WritesTheContractName(SourceStatus status, string name)
    {
        var lake = new LakeStatus
        {
            UpdatedAt = new DateTimeOffset(2026, 11, 25, 2, 0, 0, TimeSpan.Zero),
            State = "idle",
            Sources = [new SourceState { Id = "iod2019", Status = status }],
        };

        var json = JsonSerializer.Serialize(lake, LakeStatus.JsonOptions);

        Assert.Equal(name, JsonDocument.Parse(json).RootElement.GetProperty("sources")[0].GetProperty("status").GetString());
        Assert.Equal(status, JsonSerializer.Deserialize<LakeStatus>(json, LakeStatus.JsonOptions)!.Sources[0].Status);
    }

    [Fact]
    public void StatusJson_WrittenBeforeTheEnum_ReadsEveryName()
    {
        const string json = """
            {"updated_at": "2026-11-25T02:00:00+00:00", "state": "idle", "sources": [
              {"id": "a", "status": "fetched"}, {"id": "b", "status": "unchanged"},
              {"id": "c", "status": "failed", "stale": true}, {"id": "d", "status": "not_due"}]}
            """;

        var status = JsonSerializer.Deserialize<LakeStatus>(json, LakeStatus.JsonOptions)!;

        Assert.Equal([SourceStatus.Fetched, SourceStatus.Unchanged, SourceStatus.Failed, SourceStatus.NotDue], status.Sources.Select(s => s.Status));
    }
}
