using Inequalities.Lake.Snapshots;

namespace Inequalities.Lake.Operations;

/// <summary>What a killed run leaves behind in a lake, and removing it.</summary>
public static class LakeDebris
{
    /// <summary>
    /// Removes what a killed run left behind (staging folders and temporary files of snapshots, a half-written
    /// status.json), under the lake lock; nothing is removed when another refresh holds the lake, since the debris may
    /// be its work in progress.
    /// </summary>
    /// <param name="layout">The lake.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="cancellationToken">Stops waiting for the lock.</param>
    /// <returns>The snapshot debris removed (empty when the lake was busy).</returns>
    public static async Task<IReadOnlyList<string>> CleanAsync(LakeLayout layout, TimeProvider timeProvider, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var (lakeLock, _) = await LakeLock.TryAcquireAsync(layout, TimeSpan.Zero, timeProvider, cancellationToken).ConfigureAwait(false);
        if (lakeLock is null)
        {
            return [];
        }

        using (lakeLock)
        {
            var removed = SnapshotPublisher.CleanDebris(layout);
            File.Delete(layout.StatusFile + ".tmp");
            return removed;
        }
    }
}
