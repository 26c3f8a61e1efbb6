using Inequalities.Sources.Catalogue;

namespace Inequalities.Sources.Parsing;

/// <summary>
/// The one place a source's <c>columns:</c> map meets a file's headers (CSV, xlsx, JSON, GeoJSON properties, zip
/// members, ArcGIS layer fields). Each canonical field accepts one header, or a list of them (header aliases): the
/// first accepted header the file has wins. A header matches exactly, then ignoring case and runs of spaces, then as a
/// <c>*</c> wildcard pattern.
/// </summary>
internal sealed class ColumnBinding
{
    private ColumnBinding(Dictionary<string, int> slots, Dictionary<string, string> headers, Dictionary<string, string> aliases)
    {
        Slots = slots;
        Headers = headers;
        AliasesUsed = aliases;
    }

    /// <summary>Canonical field to the index of its header in the file.</summary>
    public IReadOnlyDictionary<string, int> Slots { get; }

    /// <summary>Canonical field to the file's header it was bound to (for messages).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>For the fields with several accepted headers: the accepted header (as the catalogue writes it) that was found.</summary>
    public IReadOnlyDictionary<string, string> AliasesUsed { get; }

    /// <summary>
    /// Binds canonical fields to a file's headers; every field that cannot be bound is reported in one
    /// <see cref="SourceDataException"/> naming the field and each header it accepts.
    /// </summary>
    /// <param name="source">The catalogue entry.</param>
    /// <param name="headers">The file's headers.</param>
    /// <param name="fields">The canonical fields to bind (null: every mapped field).</param>
    /// <param name="required">Canonical fields the caller needs even where the kind makes them optional.</param>
    /// <param name="what">What holds the headers, for the message ("file", "layer").</param>
    /// <param name="found">How the message introduces the headers the file has.</param>
    public static ColumnBinding Bind(
        SourceDefinition source,
        IReadOnlyList<string> headers,
        IEnumerable<string>? fields = null,
        IEnumerable<string>? required = null,
        string what = "file",
        string found = "Headers found")
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(headers);
        var slots = new Dictionary<string, int>(StringComparer.Ordinal);
        var bound = new Dictionary<string, string>(StringComparer.Ordinal);
        var aliases = new Dictionary<string, string>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var canonical in fields ?? source.Columns.Keys)
        {
            var accepted = source.AcceptedHeaders(canonical);
            if (accepted.Count == 0)
            {
                continue;
            }

            var index = Find(headers, accepted, out var alias);
            if (index >= 0)
            {
                slots[canonical] = index;
                bound[canonical] = headers[index];
                if (source.ColumnAliases.ContainsKey(canonical))
                {
                    aliases[canonical] = alias!;
                }
            }
            else
            {
                missing.Add(Describe(canonical, accepted));
            }
        }

        foreach (var field in (required ?? []).Where(f => !source.Columns.ContainsKey(f)))
        {
            missing.Add($"a mapping for the required field '{field}'");
        }

        if (missing.Count > 0)
        {
            throw new SourceDataException(
                source.Id,
                null,
                null,
                $"the {what} has no {string.Join(", no ", missing)}; the publisher may have renamed its columns (schema drift). {found}: {string.Join(" | ", headers.Take(40))}");
        }

        return new ColumnBinding(slots, bound, aliases);
    }

    /// <summary>The index of the first accepted header the file has, or -1; <paramref name="alias"/> is the accepted header found.</summary>
    /// <param name="headers">The file's headers.</param>
    /// <param name="accepted">The accepted headers, in order of preference.</param>
    /// <param name="alias">The accepted header that matched, or null.</param>
    public static int Find(IReadOnlyList<string> headers, IReadOnlyList<string> accepted, out string? alias)
    {
        foreach (var wanted in accepted)
        {
            var index = FindHeader(headers, wanted);
            if (index >= 0)
            {
                alias = wanted;
                return index;
            }
        }

        alias = null;
        return -1;
    }

    /// <summary>How a field that cannot be bound is named in messages: its header, or every header it accepts.</summary>
    /// <param name="canonical">The canonical field.</param>
    /// <param name="accepted">The headers it accepts.</param>
    public static string Describe(string canonical, IReadOnlyList<string> accepted) =>
        accepted.Count == 1
            ? $"'{accepted[0]}' (for {canonical})"
            : $"header for {canonical} (none of {string.Join(", ", accepted.Select(a => $"'{a}'"))})";

    /// <summary>Finds a header: exact, then ignoring case and runs of spaces, then a <c>*</c> wildcard pattern.</summary>
    internal static int FindHeader(IReadOnlyList<string> headers, string wanted)
    {
        for (var i = 0; i < headers.Count; i++)
        {
            if (string.Equals(headers[i], wanted, StringComparison.Ordinal))
            {
                return i;
            }
        }

        var squashed = Squash(wanted);
        for (var i = 0; i < headers.Count; i++)
        {
            if (string.Equals(Squash(headers[i]), squashed, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        if (wanted.Contains('*', StringComparison.Ordinal))
        {
            var parts = squashed.Split('*');
            for (var i = 0; i < headers.Count; i++)
            {
                if (MatchesWildcard(Squash(headers[i]), parts))
                {
                    return i;
                }
            }
        }

        return -1;
    }

    private static bool MatchesWildcard(string text, string[] parts)
    {
        if (!text.StartsWith(parts[0], StringComparison.OrdinalIgnoreCase) || !text.EndsWith(parts[^1], StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var at = parts[0].Length;
        for (var p = 1; p < parts.Length - 1; p++)
        {
            var found = text.IndexOf(parts[p], at, StringComparison.OrdinalIgnoreCase);
            if (found < 0)
            {
                return false;
            }

            at = found + parts[p].Length;
        }

        return text.Length - parts[^1].Length >= at;
    }

    private static string Squash(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
