using Inequalities.Core.Columnar;
using Inequalities.Lake.Parquet;

namespace Inequalities.Lake.Snapshots;

/// <summary>
/// A published snapshot of the lake: its manifest and its tables by name. Open the current one with
/// <see cref="OpenCurrent"/>; read a table with <see cref="ReadTableAsync"/> and its typed columns with
/// <see cref="Table.Primitive{T}(string)"/> and <see cref="Table.Strings(string)"/>, or view it as a DataFrame with
/// <c>ToDataFrame()</c>.
/// </summary>
public sealed class LakeSnapshot
{
    private LakeSnapshot(string directory, SnapshotManifest manifest)
    {
        Directory = directory;
        Manifest = manifest;
    }

    /// <summary>The snapshot id.</summary>
    public string Id => Manifest.SnapshotId;

    /// <summary>The snapshot folder.</summary>
    public string Directory { get; }

    /// <summary>The manifest: provenance of every source and the list of tables.</summary>
    public SnapshotManifest Manifest { get; }

    /// <summary>The names of the tables in the snapshot.</summary>
    public IReadOnlyList<string> TableNames => Manifest.Tables.Select(t => t.Name).ToList();

    /// <summary>Opens the snapshot <c>current</c> names.</summary>
    /// <param name="lakeDirectory">The lake root.</param>
    /// <exception cref="InvalidOperationException">Nothing has been published in that lake yet.</exception>
    public static LakeSnapshot OpenCurrent(string lakeDirectory)
    {
        var layout = new LakeLayout(lakeDirectory);
        var id = layout.ReadCurrentId() ?? throw new InvalidOperationException(
            $"The lake '{layout.Root}' has no published snapshot yet (no '{layout.CurrentFile}'). Run 'inequalities refresh' first.");
        return Open(lakeDirectory, id);
    }

    /// <summary>Opens a snapshot by id.</summary>
    /// <param name="lakeDirectory">The lake root.</param>
    /// <param name="snapshotId">The snapshot id.</param>
    public static LakeSnapshot Open(string lakeDirectory, string snapshotId)
    {
        var layout = new LakeLayout(lakeDirectory);
        var directory = layout.SnapshotDirectory(snapshotId);
        var manifestPath = Path.Combine(directory, "manifest.json");
        if (!File.Exists(manifestPath))
        {
            throw new InvalidOperationException($"Snapshot '{snapshotId}' in '{layout.Root}' has no manifest.json.");
        }

        return new LakeSnapshot(directory, SnapshotManifest.Read(manifestPath));
    }

    /// <summary>
    /// A snapshot still in its staging folder, read through the manifest that is about to be written (for the files a
    /// refresh writes into the snapshot before it is published, such as briefings).
    /// </summary>
    internal static LakeSnapshot Staged(string directory, SnapshotManifest manifest) => new(directory, manifest);

    /// <summary>Reads a table by name.</summary>
    /// <param name="name">The table name, e.g. <c>areas</c>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="KeyNotFoundException">The snapshot has no such table; the message lists those it has.</exception>
    public async Task<Table> ReadTableAsync(string name, CancellationToken cancellationToken = default)
    {
        var entry = Manifest.Tables.FirstOrDefault(t => t.Name == name) ?? throw new KeyNotFoundException(
            $"Snapshot {Id} has no table '{name}'. Tables: {string.Join(", ", TableNames)}.");
        var path = Path.Combine(Directory, entry.Path);
        if (System.IO.Directory.Exists(path))
        {
            // A Hive-partitioned table (<table>/source_id=.../part-0.parquet): the parts as one table.
            return await ParquetTableReader.ReadPartitionedAsync(path, new ParquetReadOptions { TableName = name }, cancellationToken).ConfigureAwait(false);
        }

        var stream = File.OpenRead(path);
        await using (stream.ConfigureAwait(false))
        {
            var table = await ParquetTableReader.ReadAsync(stream, new ParquetReadOptions { TableName = name }, cancellationToken).ConfigureAwait(false);
            return table;
        }
    }
}
