using System.Text;
using Inequalities.Sources.Parsing;

namespace Inequalities.Lake.Assets;

/// <summary>One register row, with the catalogue position of its source.</summary>
/// <param name="SourceId">The register's source id.</param>
/// <param name="SourceOrder">The register's position among the registers (catalogue order).</param>
/// <param name="Register">The register it is an edition of (its <c>register</c> option), or null.</param>
/// <param name="Record">The row.</param>
internal sealed record RegisterRow(string SourceId, int SourceOrder, string? Register, AssetRecord Record);

/// <summary>One organisation found in two registers: the row kept, the row merged into it, and why.</summary>
internal sealed record AssetMerge(RegisterRow Kept, RegisterRow Merged, string Rule, string Key);

/// <summary>The registers after merging: one row per organisation, the merges, and the rows of older editions.</summary>
internal sealed class MergedRegisters
{
    /// <summary>Every row kept (one per organisation), in source and row order, with the rows merged into it.</summary>
    public required List<(RegisterRow Row, List<RegisterRow> MergedFrom)> Kept { get; init; }

    /// <summary>Every merge.</summary>
    public required List<AssetMerge> Merges { get; init; }

    /// <summary>Rows of an older edition of a register whose organisation its current edition no longer lists, with the current edition's source id.</summary>
    public required Dictionary<RegisterRow, string> Superseded { get; init; }
}

/// <summary>
/// Merges the same organisation found in several registers into one row: linked by its Companies House number, by
/// the same id in two editions of one register (sources with the same <c>register</c> option), or by its normalised
/// name and postcode. Only live rows of different sources are merged (a register's own rows stay apart: the Charity
/// Commission's linked charities are one row each); the row of the register listed first in the catalogue is kept
/// and the merge recorded. Of a register's editions the first listed is the current one: a live row of an older
/// edition whose id it does not list is superseded.
/// </summary>
internal static class AssetMerging
{
    public const string ByCompanyNumber = "company_number";
    public const string ByRegisterId = "register_id";
    public const string ByNameAndPostcode = "name_postcode";

    private static readonly HashSet<string> Suffixes = new(StringComparer.Ordinal) { "limited", "ltd", "the", "plc", "llp", "cic", "cio" };

    public static MergedRegisters Merge(IReadOnlyList<AssetData> registers)
    {
        var rows = new List<RegisterRow>();
        for (var s = 0; s < registers.Count; s++)
        {
            foreach (var record in registers[s].Records)
            {
                rows.Add(new RegisterRow(registers[s].SourceId, s, registers[s].Register, record));
            }
        }

        var superseded = Superseded(registers, rows);
        var groups = new Groups(rows);
        foreach (var (rule, key) in new (string Rule, Func<RegisterRow, string?> Key)[]
        {
            (ByCompanyNumber, r => r.Record.CompanyNumber),
            (ByRegisterId, r => r.Register is null ? null : r.Register + "\u0001" + r.Record.AssetId),
            (ByNameAndPostcode, r => NameAndPostcode(r.Record)),
        })
        {
            var first = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < rows.Count; i++)
            {
                if (!rows[i].Record.Active || superseded.ContainsKey(rows[i]) || key(rows[i]) is not { } k)
                {
                    continue;
                }

                if (!first.TryAdd(k, i))
                {
                    groups.Union(first[k], i, rule, k);
                }
            }
        }

        return groups.Result(superseded);
    }

    /// <summary>The name as compared: lower case, "&amp;" as "and", co-op and co-operative as cooperative, punctuation and legal suffixes (Limited, Ltd, CIC, ...) dropped.</summary>
    public static string NormaliseName(string name)
    {
        var text = name.ToLowerInvariant().Replace("&", " and ", StringComparison.Ordinal)
            .Replace("co-operative", "cooperative", StringComparison.Ordinal).Replace("co-op", "coop", StringComparison.Ordinal);
        var words = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            words.Append(char.IsAsciiLetterOrDigit(c) ? c : ' ');
        }

        return string.Join(' ', words.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !Suffixes.Contains(w)).Select(w => w == "coop" ? "cooperative" : w));
    }

    private static string? NameAndPostcode(AssetRecord record)
    {
        var postcode = PostcodeParser.Normalise(record.Postcode);
        var name = NormaliseName(record.Name);
        return postcode is null || name.Length == 0 ? null : name + "\u0001" + postcode;
    }

    private static Dictionary<RegisterRow, string> Superseded(IReadOnlyList<AssetData> registers, List<RegisterRow> rows)
    {
        var result = new Dictionary<RegisterRow, string>();
        foreach (var editions in registers.Where(r => r.Register is not null).GroupBy(r => r.Register!, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            var current = editions.First();
            var ids = current.Records.Select(r => r.AssetId).ToHashSet(StringComparer.Ordinal);
            foreach (var row in rows.Where(r => r.Register == editions.Key && r.SourceId != current.SourceId && r.Record.Active && !ids.Contains(r.Record.AssetId)))
            {
                result[row] = current.SourceId;
            }
        }

        return result;
    }

    /// <summary>Union-find over the rows; a group holds at most one row of each source.</summary>
    private sealed class Groups(List<RegisterRow> rows)
    {
        private readonly int[] _parent = [.. Enumerable.Range(0, rows.Count)];
        private readonly Dictionary<int, HashSet<string>> _sources = [];
        private readonly List<(int A, int B, string Rule, string Key)> _edges = [];

        public void Union(int a, int b, string rule, string key)
        {
            var (ra, rb) = (Find(a), Find(b));
            if (ra == rb)
            {
                return;
            }

            var sa = SourcesOf(ra);
            var sb = SourcesOf(rb);
            if (sa.Overlaps(sb))
            {
                return;
            }

            var (root, child) = ra < rb ? (ra, rb) : (rb, ra);
            _parent[child] = root;
            sa.UnionWith(sb);
            _sources[root] = sa;
            _sources.Remove(child);
            _edges.Add((a, b, rule, key));
        }

        public MergedRegisters Result(Dictionary<RegisterRow, string> superseded)
        {
            var members = Enumerable.Range(0, rows.Count).GroupBy(Find).ToDictionary(g => g.Key, g => g.OrderBy(i => rows[i].SourceOrder).ThenBy(i => i).ToList());
            var kept = new List<(RegisterRow, List<RegisterRow>)>();
            var keptIndex = new Dictionary<int, int>();
            foreach (var (root, group) in members.OrderBy(g => g.Value[0]))
            {
                keptIndex[root] = group[0];
                kept.Add((rows[group[0]], [.. group.Skip(1).Select(i => rows[i])]));
            }

            // Each merged row names the rule of the link that joined it to its group.
            var merges = new List<AssetMerge>();
            var ruleOf = new Dictionary<int, (string Rule, string Key)>();
            foreach (var (a, b, rule, key) in _edges)
            {
                foreach (var i in new[] { a, b })
                {
                    ruleOf.TryAdd(i, (rule, key));
                }
            }

            foreach (var (root, group) in members)
            {
                foreach (var i in group.Skip(1))
                {
                    var (rule, key) = ruleOf[i];
                    merges.Add(new AssetMerge(rows[keptIndex[root]], rows[i], rule, key.Replace('\u0001', ' ')));
                }
            }

            merges.Sort((x, y) => (x.Kept.SourceOrder, x.Merged.SourceOrder, x.Merged.Record.Row).CompareTo((y.Kept.SourceOrder, y.Merged.SourceOrder, y.Merged.Record.Row)));
            kept.Sort((x, y) => (x.Item1.SourceOrder, x.Item1.Record.Row).CompareTo((y.Item1.SourceOrder, y.Item1.Record.Row)));
            return new MergedRegisters { Kept = kept, Merges = merges, Superseded = superseded };
        }

        private HashSet<string> SourcesOf(int root)
        {
            if (!_sources.TryGetValue(root, out var set))
            {
                set = new HashSet<string>(StringComparer.Ordinal) { rows[root].SourceId };
                _sources[root] = set;
            }

            return set;
        }

        private int Find(int i)
        {
            while (_parent[i] != i)
            {
                _parent[i] = _parent[_parent[i]];
                i = _parent[i];
            }

            return i;
        }
    }
}
