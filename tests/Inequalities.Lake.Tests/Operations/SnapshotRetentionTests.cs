using Inequalities.Lake.Operations;
using Inequalities.Lake.Snapshots;
using Inequalities.TestSupport;

namespace Inequalities.Lake.Tests.Operations;

public sealed class SnapshotRetentionTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private LakeLayout Lake(string current, params string[] ids)
    {
        var layout = new LakeLayout(_temp.Path);
        foreach (var id in ids)
        {
            Directory.CreateDirectory(layout.SnapshotDirectory(id));
            File.WriteAllText(Path.Combine(layout.SnapshotDirectory(id), "manifest.json"), "{}");
        }

        File.WriteAllText(layout.CurrentFile, current + "\n");
        return layout;
    }

    [Fact]
    public void Apply_MoreThanKeep_DeletesTheOldest()
    {
        var layout = Lake("20261127T020000Z", "20261124T020000Z", "20261125T020000Z", "20261126T020000Z", "20261127T020000Z");

        var deleted = SnapshotRetention.Apply(layout, 2);

        Assert.Equal(["20261125T020000Z", "20261124T020000Z"], deleted);
        Assert.Equal(["20261126T020000Z", "20261127T020000Z"], Directory.GetDirectories(layout.SnapshotsDirectory).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Apply_CurrentIsOlderThanTheKeptOnes_NeverDeletesIt()
    {
        // Newer snapshots that never became current (a run killed between the rename and 'current').
        var layout = Lake("20261124T020000Z", "20261124T020000Z", "20261125T020000Z", "20261126T020000Z", "20261126T020000Z-01");

        SnapshotRetention.Apply(layout, 1);

        Assert.Equal(["20261124T020000Z", "20261126T020000Z-01"], Directory.GetDirectories(layout.SnapshotsDirectory).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Apply_LeftoverDeletingAndStagingFolders_RemovesDeletingLeavesStagingToCleanDebris()
    {
        var layout = Lake("20261125T020000Z", "20261125T020000Z");
        Directory.CreateDirectory(Path.Combine(layout.SnapshotsDirectory, ".deleting-20261101T020000Z"));
        Directory.CreateDirectory(Path.Combine(layout.SnapshotsDirectory, ".staging-20261126T020000Z"));

        var deleted = SnapshotRetention.Apply(layout, 1);

        Assert.Empty(deleted);
        Assert.Equal([".staging-20261126T020000Z", "20261125T020000Z"], Directory.GetDirectories(layout.SnapshotsDirectory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Apply_KeepBelowOne_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SnapshotRetention.Apply(new LakeLayout(_temp.Path), 0));
    }
}
