using System.Text.Json;
using Inequalities.Sources.Fetch;

namespace Inequalities.Sources.Tests.Fetch;

/// <summary>The one source status: the names every file and log writes.</summary>
public sealed class SourceStatusTests
{
    public static TheoryData<SourceStatus, string> Names => new()
    {
        { SourceStatus.Fetched, "fetched" },
        { SourceStatus.Unchanged, "unchanged" },
        { SourceStatus.Failed, "failed" },
        { SourceStatus.NotDue, "not_due" },
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void Json_DefaultOptions_WritesAndReadsTheSnakeCaseName(SourceStatus status, string name)
    {
        var json = JsonSerializer.Serialize(status);

        Assert.Equal($"\"{name}\"", json);
        Assert.Equal(status, JsonSerializer.Deserialize<SourceStatus>(json));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Name_EveryStatus_IsTheJsonName(SourceStatus status, string name) => Assert.Equal(name, status.Name());

    [Fact]
    public void Name_EveryValueOfTheEnum_HasANameTheTheoryChecks() =>
        Assert.Equal(Enum.GetValues<SourceStatus>().Length, Names.Count);
}
