using System.Collections.Concurrent;
using System.Diagnostics;
using Inequalities.Sources.Catalogue;

namespace Inequalities.Lake.Refresh;

/// <summary>
/// Parsed sources kept in memory between the runs of one long-lived <see cref="RefreshRunner"/> (the worker), keyed by
/// the raw file's SHA-256 and the entry's <see cref="SourceFingerprint"/>. A source whose bytes and definition did not
/// change since the last run is not parsed again; everything else is. Only the latest parse of each source is kept,
/// and sources no longer in the catalogue are dropped at the end of each run. The builder treats parsed data as
/// read-only, so reusing it never lets one snapshot change another.
/// </summary>
internal sealed class SourceParseCache
{
    private readonly ConcurrentDictionary<string, (string Key, Sources.Parsing.ParsedSource Parsed)> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SourceParse> _lastRun = new(StringComparer.Ordinal);
    private IReadOnlyDictionary<string, string> _keys = new Dictionary<string, string>();

    /// <summary>What happened to each source in the latest run: parsed or reused, and how long parsing took.</summary>
    public IReadOnlyDictionary<string, SourceParse> LastRun => _lastRun;

    /// <summary>Whether parses are kept for the next run; when false every source is parsed and nothing is held.</summary>
    public bool Retain { get; set; } = true;

    /// <summary>Number of parsed sources held.</summary>
    public int Count => _entries.Count;

    /// <summary>Starts a run: the cache key of each source in it (raw SHA-256 + definition fingerprint).</summary>
    public void BeginRun(IReadOnlyDictionary<string, string> keysBySourceId)
    {
        ArgumentNullException.ThrowIfNull(keysBySourceId);
        _keys = keysBySourceId;
        _lastRun.Clear();
    }

    /// <summary>Drops sources that were not part of the run.</summary>
    public void EndRun()
    {
        foreach (var id in _entries.Keys)
        {
            if (!_keys.ContainsKey(id))
            {
                _entries.TryRemove(id, out _);
            }
        }
    }

    /// <summary>Returns the kept parse of a source when its key matches, or parses it and keeps the result.</summary>
    public Sources.Parsing.ParsedSource GetOrParse(SourceDefinition source, string path, Func<SourceDefinition, string, Sources.Parsing.ParsedSource> parse)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(parse);
        if (!_keys.TryGetValue(source.Id, out var key))
        {
            var untracked = Stopwatch.GetTimestamp();
            var result = parse(source, path);
            _lastRun[source.Id] = new SourceParse(false, Stopwatch.GetElapsedTime(untracked));
            return result;
        }

        if (_entries.TryGetValue(source.Id, out var entry) && entry.Key == key)
        {
            _lastRun[source.Id] = new SourceParse(true, TimeSpan.Zero);
            return entry.Parsed;
        }

        _entries.TryRemove(source.Id, out _);
        var started = Stopwatch.GetTimestamp();
        var parsed = parse(source, path);
        _lastRun[source.Id] = new SourceParse(false, Stopwatch.GetElapsedTime(started));
        if (Retain)
        {
            _entries[source.Id] = (key, parsed);
        }

        return parsed;
    }
}

/// <summary>How a run got one source's parsed data.</summary>
/// <param name="Reused">Whether the parse of an earlier run was reused.</param>
/// <param name="Duration">How long parsing took (zero when reused).</param>
internal readonly record struct SourceParse(bool Reused, TimeSpan Duration);
