using System.Text.Json;
using System.Text.RegularExpressions;

namespace Inequalities.Sources.Fetch;

/// <summary>
/// The raw cache: the last good copy of every source's file, as downloaded, under <c>&lt;lake&gt;/raw/&lt;id&gt;/</c>,
/// named by its SHA-256, with a <c>meta.json</c> holding its provenance. A new copy replaces the old one atomically
/// (meta.json is swapped last), so a failed or killed fetch never damages the last good copy. One fetch per source
/// may write at a time (a fetch removes <c>.tmp-*</c> debris in its source folder when it starts).
/// </summary>
public sealed partial class RawCache
{
    internal const string MetaFileName = "meta.json";
    internal const string TempPrefix = ".tmp-";

    /// <summary>Creates the cache over a lake folder; the cache lives in its <c>raw</c> subfolder.</summary>
    /// <param name="lakeDirectory">The lake folder (created on first write if missing).</param>
    public RawCache(string lakeDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(lakeDirectory);
        Directory = Path.Combine(Path.GetFullPath(lakeDirectory), "raw");
    }

    /// <summary>The cache folder, <c>&lt;lake&gt;/raw</c>.</summary>
    public string Directory { get; }

    /// <summary>The latest good copy of a source, or <see langword="null"/> when there is none.</summary>
    /// <param name="sourceId">The source id.</param>
    /// <exception cref="ArgumentException">The id is not a valid source id.</exception>
    /// <exception cref="InvalidDataException">The source's meta.json is unreadable.</exception>
    public RawFile? TryGetLatest(string sourceId)
    {
        var folder = SourceDirectory(sourceId);
        var metaPath = Path.Combine(folder, MetaFileName);
        if (!File.Exists(metaPath))
        {
            return null;
        }

        RawMeta? meta;
        try
        {
            meta = JsonSerializer.Deserialize(File.ReadAllBytes(metaPath), FetchJsonContext.Default.RawMeta);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"The raw cache metadata '{metaPath}' for source '{sourceId}' is not valid JSON: {ex.Message}", ex);
        }

        if (meta is null || string.IsNullOrEmpty(meta.File) || Path.GetFileName(meta.File) != meta.File || meta.SourceId != sourceId)
        {
            throw new InvalidDataException($"The raw cache metadata '{metaPath}' for source '{sourceId}' does not name a file of that source.");
        }

        var blob = Path.Combine(folder, meta.File);
        var info = new FileInfo(blob);
        if (!info.Exists || info.Length != meta.Bytes)
        {
            return null;
        }

        return new RawFile(meta.SourceId, blob, meta.Sha256, meta.Bytes, meta.RetrievedAt, meta.Url, meta.ETag, meta.LastModified, meta.ContentType)
        {
            FinalUrl = meta.FinalUrl,
            Mirror = meta.Mirror,
            Member = meta.Member,
            LayerEditDate = meta.LayerEditDate,
        };
    }

    /// <summary>The folder holding one source's copies.</summary>
    internal string SourceDirectory(string sourceId)
    {
        ArgumentNullException.ThrowIfNull(sourceId);
        if (!SourceIdPattern().IsMatch(sourceId))
        {
            throw new ArgumentException($"'{sourceId}' is not a valid source id (a-z, 0-9, '-', '_').", nameof(sourceId));
        }

        return Path.Combine(Directory, sourceId);
    }

    /// <summary>Creates the source folder and returns a fresh temporary file path inside it.</summary>
    internal string NewTempPath(string sourceId)
    {
        var folder = SourceDirectory(sourceId);
        System.IO.Directory.CreateDirectory(folder);
        return Path.Combine(folder, TempPrefix + Guid.NewGuid().ToString("N"));
    }

    /// <summary>Removes temporary files left behind by killed runs.</summary>
    internal void CleanDebris(string sourceId)
    {
        var folder = SourceDirectory(sourceId);
        if (!System.IO.Directory.Exists(folder))
        {
            return;
        }

        foreach (var file in System.IO.Directory.EnumerateFiles(folder, TempPrefix + "*"))
        {
            TryDelete(file);
        }
    }

    /// <summary>
    /// Moves a checked temporary file into the cache as <c>&lt;sha256&gt;&lt;ext&gt;</c>, swaps meta.json to point at it,
    /// then deletes older copies.
    /// </summary>
    internal RawFile Commit(string tempPath, string extension, RawFile file)
    {
        var folder = SourceDirectory(file.SourceId);
        var name = file.Sha256 + extension;
        var target = Path.Combine(folder, name);
        File.Move(tempPath, target, overwrite: true);
        var stored = file with { Path = target };
        WriteMeta(stored);
        foreach (var old in System.IO.Directory.EnumerateFiles(folder))
        {
            var oldName = Path.GetFileName(old);
            if (oldName != name && oldName != MetaFileName && !oldName.StartsWith(TempPrefix, StringComparison.Ordinal))
            {
                TryDelete(old);
            }
        }

        return stored;
    }

    /// <summary>Atomically replaces a source's meta.json (write a temporary file, flush it to disk, rename over).</summary>
    internal void WriteMeta(RawFile file)
    {
        var folder = SourceDirectory(file.SourceId);
        System.IO.Directory.CreateDirectory(folder);
        var meta = new RawMeta(file.SourceId, Path.GetFileName(file.Path), file.Sha256, file.Bytes, file.RetrievedAt, file.Url, file.ETag, file.LastModified, file.ContentType)
        {
            FinalUrl = file.FinalUrl,
            Mirror = file.Mirror,
            Member = file.Member,
            LayerEditDate = file.LayerEditDate,
        };
        var temp = Path.Combine(folder, TempPrefix + "meta-" + Guid.NewGuid().ToString("N") + ".json");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                JsonSerializer.Serialize(stream, meta, FetchJsonContext.Default.RawMeta);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, Path.Combine(folder, MetaFileName), overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    internal static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: debris is cleaned at the next run.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,63}$")]
    private static partial Regex SourceIdPattern();
}

/// <summary>The on-disk form of meta.json (the file is named relative to its folder, so a lake can move).</summary>
internal sealed record RawMeta(
    string SourceId,
    string File,
    string Sha256,
    long Bytes,
    DateTimeOffset RetrievedAt,
    string Url,
    string? ETag,
    DateTimeOffset? LastModified,
    string? ContentType)
{
    public string? FinalUrl { get; init; }

    public string? Mirror { get; init; }

    public string? Member { get; init; }

    public DateTimeOffset? LayerEditDate { get; init; }
}
