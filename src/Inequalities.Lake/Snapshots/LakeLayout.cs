namespace Inequalities.Lake.Snapshots;

/// <summary>
/// The folder layout of a lake (see the README): <c>current</c>, <c>snapshots/&lt;id&gt;/</c>, <c>raw/&lt;source&gt;/</c>
/// and <c>status.json</c>.
/// </summary>
public sealed class LakeLayout
{
    /// <summary>Creates the layout for a lake root folder (which need not exist yet).</summary>
    /// <param name="root">The lake root folder.</param>
    public LakeLayout(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        Root = Path.GetFullPath(root);
    }

    /// <summary>The lake root.</summary>
    public string Root { get; }

    /// <summary>The file naming the published snapshot.</summary>
    public string CurrentFile => Path.Combine(Root, "current");

    /// <summary>The folder holding one folder per snapshot.</summary>
    public string SnapshotsDirectory => Path.Combine(Root, "snapshots");

    /// <summary>The raw cache of downloaded originals.</summary>
    public string RawDirectory => Path.Combine(Root, "raw");

    /// <summary>The worker's state file.</summary>
    public string StatusFile => Path.Combine(Root, "status.json");

    /// <summary>The lock file that keeps one writer per lake.</summary>
    public string LockFile => Path.Combine(Root, ".lock");

    /// <summary>The worker's instance lock, <c>&lt;lake&gt;/.worker.lock</c> (one worker per lake).</summary>
    public string WorkerLockFile => Path.Combine(Root, ".worker.lock");

    /// <summary>Where <c>--sample</c> generates the sample mirror, <c>&lt;lake&gt;/sample-mirror</c>.</summary>
    public string SampleMirrorDirectory => Path.Combine(Root, "sample-mirror");

    /// <summary>The folder of a published snapshot.</summary>
    /// <param name="snapshotId">The snapshot id.</param>
    public string SnapshotDirectory(string snapshotId) => Path.Combine(SnapshotsDirectory, snapshotId);

    /// <summary>The staging folder a snapshot is written in before it is published.</summary>
    /// <param name="snapshotId">The snapshot id.</param>
    internal string StagingDirectory(string snapshotId) => Path.Combine(SnapshotsDirectory, ".staging-" + snapshotId);

    /// <summary>Reads the id of the current snapshot, or <see langword="null"/> when nothing is published yet.</summary>
    public string? ReadCurrentId()
    {
        if (!File.Exists(CurrentFile))
        {
            return null;
        }

        var id = File.ReadAllText(CurrentFile).Trim();
        return id.Length == 0 ? null : id;
    }
}
