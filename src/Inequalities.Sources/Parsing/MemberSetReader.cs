using System.IO.Compression;
using Inequalities.Sources.Catalogue;

namespace Inequalities.Sources.Parsing;

/// <summary>
/// Every zip member matching a <c>member</c> pattern (<c>Data/CSV/*.csv</c>), read in name order as one CSV table:
/// the first member gives the headers (or the <c>column_names</c>), each later member must have the same, and data
/// rows are numbered across members. OS Code-Point Open is one headerless CSV per postcode area.
/// </summary>
internal sealed class MemberSetReader : TabularReader
{
    private readonly SourceDefinition _source;
    private readonly ZipArchive _archive;
    private readonly List<ZipArchiveEntry> _members;
    private int _next;
    private CsvTabularReader _current;

    private MemberSetReader(SourceDefinition source, ZipArchive archive, List<ZipArchiveEntry> members)
    {
        _source = source;
        _archive = archive;
        _members = members;
        _current = OpenNext();
        Headers = _current.Headers;
    }

    /// <summary>The members read, in order (for messages and tests).</summary>
    public IReadOnlyList<string> Members => [.. _members.Select(m => m.FullName)];

    public override IReadOnlyList<string> Headers { get; }

    /// <summary>Opens the members matching the source's pattern; the archive is disposed with the reader.</summary>
    public static MemberSetReader Open(SourceDefinition source, ZipArchive archive)
    {
        try
        {
            if (source.MemberFormat != SourceFormat.Csv)
            {
                throw new SourceDataException(source.Id, null, null, $"a member pattern ('{source.Member}') reads CSV members only; member_format is '{source.MemberFormat}'");
            }

            var members = ZipMembers.Matching(archive, source.Member!);
            if (members.Count == 0)
            {
                var names = string.Join(", ", archive.Entries.Take(10).Select(e => e.FullName));
                throw new SourceDataException(source.Id, null, null, $"the zip has no member matching '{source.Member}' (it holds {names})");
            }

            return new MemberSetReader(source, archive, members);
        }
        catch
        {
            archive.Dispose();
            throw;
        }
    }

    public override bool Read()
    {
        while (!_current.Read())
        {
            if (_next >= _members.Count)
            {
                return false;
            }

            _current.Dispose();
            _current = OpenNext();
            if (!_current.Headers.SequenceEqual(Headers, StringComparer.Ordinal))
            {
                throw new SourceDataException(_source.Id, Row + 1, null, $"member '{_members[_next - 1].FullName}' has the headers {string.Join(", ", _current.Headers)}, not those of '{_members[0].FullName}' ({string.Join(", ", Headers)})");
            }
        }

        Row++;
        return true;
    }

    public override ReadOnlySpan<char> Field(int index) => _current.Field(index);

    public override bool TryNumber(int index, out double value) => _current.TryNumber(index, out value);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _current.Dispose();
            _archive.Dispose();
        }
    }

    private CsvTabularReader OpenNext()
    {
        var member = _members[_next++];
        try
        {
            return new CsvTabularReader(_source.Id, member.Open(), HeaderSkip(_source), HasHeader(_source), _source.Options.ColumnNames);
        }
        catch (SourceDataException ex) when (ex.Row is null or 1)
        {
            throw new SourceDataException(_source.Id, ex.Row is null ? null : Row + 1, ex.Column, $"member '{member.FullName}': {ex.Problem}");
        }
    }
}
