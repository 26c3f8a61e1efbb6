using Inequalities.Lake.Snapshots;

namespace Inequalities.Lake.Operations;

/// <summary>
/// Keeps the newest snapshots of a lake and deletes the rest, never the one <c>current</c> names. A snapshot is first
/// renamed to <c>snapshots/.deleting-&lt;id&gt;</c> (atomic), then deleted, so a run killed half-way through a delete
/// never leaves a half-deleted folder under a snapshot's name; the next run removes the leftovers.
/// </summary>
internal static class SnapshotRetention
{
    internal const string DeletingPrefix = ".deleting-";

    /// <summary>Deletes published snapshots beyond the newest <paramref name="keep"/>; returns the ids deleted.</summary>
    /// <param name="layout">The lake.</param>
    /// <param name="keep">How many snapshots to keep (at least 1); the current one is always kept on top of that count if it is older.</param>
    public static IReadOnlyList<string> Apply(LakeLayout layout, int keep)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentOutOfRangeException.ThrowIfLessThan(keep, 1);
        var removed = new List<string>();
        if (!Directory.Exists(layout.SnapshotsDirectory))
        {
            return removed;
        }

        CleanDeleting(layout);
        var current = layout.ReadCurrentId();
        var ids = Directory.EnumerateDirectories(layout.SnapshotsDirectory)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => !name.StartsWith('.'))
            .OrderByDescending(name => name, StringComparer.Ordinal)
            .ToList();
        foreach (var id in ids.Skip(keep))
        {
            if (id == current)
            {
                continue;
            }

            var doomed = Path.Combine(layout.SnapshotsDirectory, DeletingPrefix + id);
            Directory.Move(layout.SnapshotDirectory(id), doomed);
            Directory.Delete(doomed, recursive: true);
            removed.Add(id);
        }

        return removed;
    }

    /// <summary>Removes <c>.deleting-*</c> folders a killed run left behind.</summary>
    public static void CleanDeleting(LakeLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        if (!Directory.Exists(layout.SnapshotsDirectory))
        {
            return;
        }

        foreach (var dir in Directory.EnumerateDirectories(layout.SnapshotsDirectory, DeletingPrefix + "*"))
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
