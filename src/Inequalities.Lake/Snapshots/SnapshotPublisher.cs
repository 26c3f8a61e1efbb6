using System.Globalization;
using System.Text.Json;

namespace Inequalities.Lake.Snapshots;

/// <summary>
/// Writes snapshots so that readers never see half of one: a snapshot is built in a staging folder, checked, renamed
/// into <c>snapshots/&lt;id&gt;</c>, and only then named by <c>current</c>, which is replaced atomically (write a temporary
/// file, flush it to disk, rename over). A crash at any moment leaves <c>current</c> on the previous complete snapshot;
/// <see cref="CleanDebris"/> removes what the crash left behind.
/// </summary>
public sealed class SnapshotPublisher
{
    private readonly LakeLayout _layout;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a publisher for a lake.</summary>
    /// <param name="layout">The lake.</param>
    /// <param name="timeProvider">The clock that names snapshots.</param>
    public SnapshotPublisher(LakeLayout layout, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _layout = layout;
        _timeProvider = timeProvider;
    }

    /// <summary>Removes staging folders and temporary files left by a run that was killed.</summary>
    /// <param name="layout">The lake.</param>
    /// <returns>The paths removed.</returns>
    public static IReadOnlyList<string> CleanDebris(LakeLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var removed = new List<string>();
        if (Directory.Exists(layout.SnapshotsDirectory))
        {
            foreach (var dir in Directory.EnumerateDirectories(layout.SnapshotsDirectory, ".staging-*"))
            {
                Directory.Delete(dir, recursive: true);
                removed.Add(dir);
            }
        }

        var tmp = layout.CurrentFile + ".tmp";
        if (File.Exists(tmp))
        {
            File.Delete(tmp);
            removed.Add(tmp);
        }

        return removed;
    }

    /// <summary>Starts a new snapshot in a staging folder, named from the clock (UTC, sortable).</summary>
    public SnapshotStaging Begin()
    {
        Directory.CreateDirectory(_layout.SnapshotsDirectory);
        var now = _timeProvider.GetUtcNow();
        var id = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var candidate = id;
        for (var n = 1; Directory.Exists(_layout.SnapshotDirectory(candidate)) || Directory.Exists(_layout.StagingDirectory(candidate)); n++)
        {
            candidate = $"{id}-{n:D2}";
        }

        return new SnapshotStaging(_layout, candidate, now);
    }
}

/// <summary>A snapshot being written. Dispose without publishing to discard it.</summary>
public sealed class SnapshotStaging : IDisposable
{
    private readonly LakeLayout _layout;
    private bool _published;

    internal SnapshotStaging(LakeLayout layout, string id, DateTimeOffset createdAt)
    {
        _layout = layout;
        Id = id;
        CreatedAt = createdAt;
        Directory = layout.StagingDirectory(id);
        System.IO.Directory.CreateDirectory(Directory);
    }

    /// <summary>The snapshot id.</summary>
    public string Id { get; }

    /// <summary>When the snapshot was started.</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>The staging folder tables are written into.</summary>
    public string Directory { get; }

    /// <summary>The full path of a file in the staging folder.</summary>
    /// <param name="relativePath">Path relative to the snapshot folder.</param>
    public string PathFor(string relativePath) => Path.Combine(Directory, relativePath);

    /// <summary>
    /// Writes the manifest, checks that every table it lists exists (and passes <paramref name="verify"/>), moves the
    /// snapshot into place and points <c>current</c> at it.
    /// </summary>
    /// <param name="manifest">The manifest; its id must be this snapshot's.</param>
    /// <param name="verify">Re-reads a table file (full path) and returns its row count; null to check existence only.</param>
    /// <param name="cancellationToken">Stops before the point of no return (the rename).</param>
    /// <returns>The published snapshot folder.</returns>
    /// <exception cref="InvalidDataException">A table is missing or does not read back with the rows the manifest says.</exception>
    public async Task<string> PublishAsync(
        SnapshotManifest manifest,
        Func<string, CancellationToken, ValueTask<long>>? verify = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ObjectDisposedException.ThrowIf(_published, this);
        if (manifest.SnapshotId != Id)
        {
            throw new ArgumentException($"The manifest names snapshot '{manifest.SnapshotId}' but this staging folder is '{Id}'.", nameof(manifest));
        }

        var manifestPath = PathFor("manifest.json");
        await WriteDurableAsync(manifestPath, JsonSerializer.SerializeToUtf8Bytes(manifest, SnapshotManifest.JsonOptions), cancellationToken).ConfigureAwait(false);

        // Re-read everything before anyone can see it.
        var reread = SnapshotManifest.Read(manifestPath);
        foreach (var table in reread.Tables)
        {
            var path = PathFor(table.Path);
            if (!File.Exists(path) && !System.IO.Directory.Exists(path))
            {
                throw new InvalidDataException($"Snapshot {Id}: table '{table.Name}' should be at '{table.Path}' but nothing was written there.");
            }

            if (verify is not null)
            {
                var rows = await verify(path, cancellationToken).ConfigureAwait(false);
                if (rows != table.Rows)
                {
                    throw new InvalidDataException($"Snapshot {Id}: table '{table.Name}' read back {rows} rows; the manifest says {table.Rows}.");
                }
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        var final = _layout.SnapshotDirectory(Id);
        System.IO.Directory.Move(Directory, final);
        _published = true;

        var tmp = _layout.CurrentFile + ".tmp";
        await WriteDurableAsync(tmp, System.Text.Encoding.UTF8.GetBytes(Id + "\n"), CancellationToken.None).ConfigureAwait(false);
        File.Move(tmp, _layout.CurrentFile, overwrite: true);
        return final;
    }

    /// <summary>Discards the staging folder unless the snapshot was published.</summary>
    public void Dispose()
    {
        if (_published)
        {
            return;
        }

        _published = true;
        try
        {
            if (System.IO.Directory.Exists(Directory))
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }
        }
        catch (IOException)
        {
            // Left for CleanDebris on the next run.
        }
    }

    private static async Task WriteDurableAsync(string path, byte[] bytes, CancellationToken cancellationToken)
    {
        var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous);
        await using (stream.ConfigureAwait(false))
        {
            await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
        }
    }
}
