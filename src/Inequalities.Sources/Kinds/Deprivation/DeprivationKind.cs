using System.Text.RegularExpressions;
using Inequalities.Core.Columnar;
using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Parsing;

namespace Inequalities.Sources.Kinds;

/// <summary>
/// <c>deprivation</c>: an index of deprivation or need at LSOA level (ranks, deciles, scores per domain, and the
/// index's population denominators), parsed into <see cref="DeprivationData"/>.
/// </summary>
internal sealed partial class DeprivationKind : ISourceKind
{
    private static readonly string[] LsoaEntities = ["E01", "W01"];

    public string Name => "deprivation";

    public FieldRules Fields { get; } = new(
        ["lsoa_code"],
        ["lsoa_name", "lad_code", "lad_name", "population.total", "population.children", "population.age_16_59", "population.older", "population.working_age"],
        [DomainMeasure()])
    {
        AtLeastOne = ("a '<domain>.rank' or '<domain>.score' field", static k => k.EndsWith(".rank", StringComparison.Ordinal) || k.EndsWith(".score", StringComparison.Ordinal)),
    };

    public ParsedSource Parse(SourceDefinition source, string path, ParseContext context) => Read(source, path);

    /// <summary>Reads the index: one row per LSOA, each LSOA once.</summary>
    public static DeprivationData Read(SourceDefinition source, string path)
    {
        using var reader = SourceRecordReader.Open(source, path);
        var domains = source.Columns.Keys
            .Where(k => k.Contains('.', StringComparison.Ordinal) && !k.StartsWith("population.", StringComparison.Ordinal))
            .Select(k => k[..k.IndexOf('.', StringComparison.Ordinal)])
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var codes = new TextColumn("lsoa_code", 36_000);
        var names = reader.Has("lsoa_name") ? new TextColumn("lsoa_name", 36_000) : null;
        var lads = reader.Has("lad_code") ? new TextColumn("lad_code", 36_000) : null;
        var ladNames = reader.Has("lad_name") ? new TextColumn("lad_name", 36_000) : null;
        var (nameSlot, ladSlot, ladNameSlot) = (reader.Slot("lsoa_name"), reader.Slot("lad_code"), reader.Slot("lad_name"));
        var measures = domains.Select(d => new Measures(reader, d)).ToArray();
        var denominatorKeys = source.Columns.Keys.Where(k => k.StartsWith("population.", StringComparison.Ordinal)).ToArray();
        var denominatorSlots = denominatorKeys.Select(reader.Slot).ToArray();
        var denominators = denominatorKeys.Select(_ => new ValueBuffer<double>(36_000)).ToArray();

        var codeSlot = reader.Slot("lsoa_code");
        while (reader.Read())
        {
            var code = reader.CodeSpan(codeSlot, "lsoa_code", LsoaEntities);
            var known = codes.DistinctCount;
            var id = codes.IdOf(code);
            if (id < known)
            {
                // Codes are added in row order and a repeat stops the parse, so code id i is on row i + 1.
                throw reader.Error("lsoa_code", $"'{code}' appears again (first at row {id + 1}); each LSOA must appear once");
            }

            codes.AppendId(id);
            if (names is not null)
            {
                reader.AppendText(names, nameSlot);
            }

            if (lads is not null)
            {
                reader.AppendText(lads, ladSlot);
            }

            if (ladNames is not null)
            {
                reader.AppendText(ladNames, ladNameSlot);
            }

            foreach (var m in measures)
            {
                m.Read(reader);
            }

            for (var p = 0; p < denominatorKeys.Length; p++)
            {
                denominators[p].Add(reader.Double(denominatorSlots[p], denominatorKeys[p]) ?? double.NaN);
            }
        }

        var n = codes.Count;
        if (n == 0)
        {
            throw new SourceDataException(source.Id, null, null, "the file has a header but no data rows");
        }

        foreach (var m in measures)
        {
            m.CheckRanks(source.Id, n);
        }

        return new DeprivationData
        {
            SourceId = source.Id,
            ColumnsUsed = reader.ColumnsUsed,
            IndexId = source.Options.IndexId ?? source.Id,
            Vintage = source.Vintage ?? throw new SourceDataException(source.Id, null, null, "a deprivation source needs 'vintage' (2011 or 2021) in the catalogue"),
            LsoaCodes = codes.Build(),
            LsoaNames = names?.Build(),
            LadCodes = lads?.Build(),
            LadNames = ladNames?.Build(),
            Domains = measures.Select(m => m.ToValues()).ToList(),
            Denominators = denominatorKeys.Select((k, i) => (k["population.".Length..], denominators[i].ToArray())).ToDictionary(t => t.Item1, t => t.Item2),
        };
    }

    [GeneratedRegex("^[a-z][a-z0-9_]*\\.(rank|decile|score)$")]
    private static partial Regex DomainMeasure();

    /// <summary>The score, rank and decile columns of one domain, each where the map names it.</summary>
    private sealed class Measures
    {
        private readonly string _domain;
        private readonly (int Slot, string Name) _score;
        private readonly (int Slot, string Name) _rank;
        private readonly (int Slot, string Name) _decile;
        private readonly ValueBuffer<double>? _scores;
        private readonly ValueBuffer<int>? _ranks;
        private readonly ValueBuffer<int>? _deciles;

        public Measures(SourceRecordReader reader, string domain)
        {
            _domain = domain;
            _score = (reader.Slot(domain + ".score"), domain + ".score");
            _rank = (reader.Slot(domain + ".rank"), domain + ".rank");
            _decile = (reader.Slot(domain + ".decile"), domain + ".decile");
            _scores = reader.Has(_score.Name) ? new ValueBuffer<double>(36_000) : null;
            _ranks = reader.Has(_rank.Name) ? new ValueBuffer<int>(36_000) : null;
            _deciles = reader.Has(_decile.Name) ? new ValueBuffer<int>(36_000) : null;
        }

        public void Read(SourceRecordReader reader)
        {
            _scores?.Add(reader.Double(_score.Slot, _score.Name) ?? double.NaN);
            if (_ranks is not null)
            {
                var rank = reader.Integer(_rank.Slot, _rank.Name) ?? 0;
                if (rank < 0)
                {
                    throw reader.Error(_rank.Name, $"'{rank}' is not a rank (1 = most deprived)");
                }

                _ranks.Add(checked((int)rank));
            }

            if (_deciles is not null)
            {
                var decile = reader.Integer(_decile.Slot, _decile.Name) ?? 0;
                if (decile is < 0 or > 10)
                {
                    throw reader.Error(_decile.Name, $"'{decile}' is not a decile from 1 to 10");
                }

                _deciles.Add((int)decile);
            }
        }

        public void CheckRanks(string sourceId, int n)
        {
            if (_ranks is null)
            {
                return;
            }

            var ranks = _ranks.Span;
            var over = ranks.IndexOfAnyInRange(n + 1, int.MaxValue);
            if (over >= 0)
            {
                var max = 0;
                foreach (var r in ranks)
                {
                    max = Math.Max(max, r);
                }

                throw new SourceDataException(sourceId, over + 1, $"'{_domain}.rank'", $"rank {max} is larger than the number of LSOAs in the file ({n})");
            }
        }

        public DomainValues ToValues() => new(_domain, _scores?.ToArray(), _ranks?.ToArray(), _deciles?.ToArray());
    }
}
