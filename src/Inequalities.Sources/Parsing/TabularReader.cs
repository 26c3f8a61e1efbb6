using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using nietras.SeparatedValues;
using Inequalities.Sources.Catalogue;

namespace Inequalities.Sources.Parsing;

/// <summary>
/// Reads a source file as a header row and data rows of text fields, whatever its format (csv, csv.gz, xlsx sheet,
/// zip member, JSON array, GeoJSON or an assembled ArcGIS layer: the features' properties). Fields are spans valid until the next <see cref="Read"/>.
/// </summary>
internal abstract class TabularReader : IDisposable
{
    /// <summary>The header row, trimmed, without a byte-order mark.</summary>
    public abstract IReadOnlyList<string> Headers { get; }

    /// <summary>The 1-based data row (header excluded) of the current record.</summary>
    public long Row { get; protected set; }

    /// <summary>Moves to the next data row.</summary>
    public abstract bool Read();

    /// <summary>A field of the current row; empty when the row is shorter than the header.</summary>
    public abstract ReadOnlySpan<char> Field(int index);

    /// <summary>
    /// An estimate of the file's data rows, for sizing a parser's buffers (never for correctness): the file's size
    /// over the current row's length, or 0 when the reader cannot tell (then buffers grow as they fill).
    /// </summary>
    public virtual long EstimatedRows => 0;

    /// <summary>
    /// A quick way to a field that is a plain invariant number (no spaces, thousands separators or missing-value
    /// markers): true with its value, false when the reader has no quick way or the field is anything else.
    /// </summary>
    public virtual bool TryNumber(int index, out double value)
    {
        value = 0;
        return false;
    }

    /// <summary>Opens the file of a source in its declared format.</summary>
    /// <param name="source">The catalogue entry.</param>
    /// <param name="path">The local file (the raw cache copy).</param>
    /// <exception cref="SourceDataException">The file is empty, is not in the declared format, or lacks the sheet or member.</exception>
    public static TabularReader Open(SourceDefinition source, string path)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            var skip = HeaderSkip(source);
            var header = HasHeader(source);
            var names = source.Options.ColumnNames;
            return source.Format switch
            {
                SourceFormat.Csv => new CsvTabularReader(source.Id, File.OpenRead(path), skip, header, names, new FileInfo(path).Length),
                SourceFormat.CsvGz => new CsvTabularReader(source.Id, new GZipStream(File.OpenRead(path), CompressionMode.Decompress), skip, header, names, GzipLength(path)),
                SourceFormat.Xlsx => XlsxTabularReader.Open(source.Id, File.OpenRead(path), source.Sheet!, skip),
                SourceFormat.Json => new JsonTabularReader(source.Id, File.OpenRead(path)),
                SourceFormat.GeoJson or SourceFormat.ArcGis => new JsonTabularReader(source.Id, File.OpenRead(path), "properties"),
                SourceFormat.Zip => OpenMember(source, path),
                _ => throw new SourceDataException(source.Id, null, null, $"format '{source.Format}' is not tabular; it has its own reader"),
            };
        }
        catch (InvalidDataException ex)
        {
            throw new SourceDataException(source.Id, null, null, $"the file is not valid {source.Format} ({ex.Message})");
        }
    }

    private static TabularReader OpenMember(SourceDefinition source, string path)
    {
        var archive = ZipFile.OpenRead(path);
        if (ZipMembers.IsPattern(source.Member!))
        {
            return MemberSetReader.Open(source, archive);
        }

        var entry = archive.Entries.FirstOrDefault(e => string.Equals(e.FullName, source.Member, StringComparison.Ordinal))
            ?? archive.Entries.FirstOrDefault(e => string.Equals(e.FullName, source.Member, StringComparison.OrdinalIgnoreCase));
        if (entry is null)
        {
            var names = string.Join(", ", archive.Entries.Take(10).Select(e => e.FullName));
            archive.Dispose();
            throw new SourceDataException(source.Id, null, null, $"the zip has no member '{source.Member}' (it holds {names})");
        }

        var stream = new OwnedStream(entry.Open(), archive);
        return source.MemberFormat switch
        {
            SourceFormat.Csv => new CsvTabularReader(source.Id, stream, HeaderSkip(source), HasHeader(source), source.Options.ColumnNames, entry.Length),
            SourceFormat.Json => new JsonTabularReader(source.Id, stream),
            SourceFormat.GeoJson => new JsonTabularReader(source.Id, stream, "properties"),
            SourceFormat.Xlsx => XlsxTabularReader.Open(source.Id, Buffer(stream), source.Sheet!, HeaderSkip(source)),
            _ => throw new SourceDataException(source.Id, null, null, $"a zip member of format '{source.MemberFormat}' is not tabular"),
        };
    }

    /// <summary>Rows before the header, from the <c>header_row</c> option (1-based; default 1; checked when the catalogue loads).</summary>
    internal static int HeaderSkip(SourceDefinition source) => source.Options.HeaderRow - 1;

    /// <summary>
    /// Whether a CSV file has a header row, from the <c>header</c> option (default true; checked when the catalogue
    /// loads). A file without one (OS Code-Point Open) names its columns by their 1-based numbers, which its
    /// <c>columns:</c> map then uses.
    /// </summary>
    internal static bool HasHeader(SourceDefinition source) => source.Options.Header;

    /// <summary>
    /// The uncompressed length a gzip file records in its last four bytes (modulo 4 GiB; of the last member only, for a
    /// file of several), or 0 for a file too short to hold it. Only an estimate for sizing buffers.
    /// </summary>
    private static long GzipLength(string path)
    {
        using var file = File.OpenRead(path);
        if (file.Length < 18)
        {
            return 0;
        }

        Span<byte> trailer = stackalloc byte[4];
        file.Seek(-4, SeekOrigin.End);
        file.ReadExactly(trailer);
        return BinaryPrimitives.ReadUInt32LittleEndian(trailer);
    }

    private static MemoryStream Buffer(Stream stream)
    {
        using (stream)
        {
            var memory = new MemoryStream();
            stream.CopyTo(memory);
            memory.Position = 0;
            return memory;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the underlying stream.</summary>
    /// <param name="disposing">Whether called from <see cref="Dispose()"/>.</param>
    protected abstract void Dispose(bool disposing);

    /// <summary>Trims a header and drops a stray byte-order mark and non-breaking spaces.</summary>
    internal static string CleanHeader(ReadOnlySpan<char> header)
    {
        var text = header.Trim().TrimStart('\uFEFF').Trim().ToString();
        return text.Contains('\u00A0', StringComparison.Ordinal) ? text.Replace('\u00A0', ' ') : text;
    }

    /// <summary>A stream that also disposes the archive it was opened from.</summary>
    private sealed class OwnedStream(Stream inner, IDisposable owner) : ForwardOnlyStream
    {
        public override int Read(Span<byte> buffer) => inner.Read(buffer);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
                owner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}

/// <summary>
/// CSV (plain, gzip or zip member) through Sep (RFC 4180: quoted fields with delimiters, doubled quotes and line
/// breaks; CRLF, LF or CR line ends). A UTF-8 byte-order mark is dropped; blank lines are skipped. Fields are spans
/// over Sep's buffer, valid until the next <see cref="Read"/>: nothing is allocated per field.
/// </summary>
internal sealed class CsvTabularReader : TabularReader
{
    private static readonly SepReaderOptions Options = Sep.New(',').Reader(o => o with
    {
        HasHeader = false,
        Unescape = true,
        DisableColCountCheck = true,
    });

    private readonly string _sourceId;
    private readonly StreamReader _text;
    private readonly SepReader _sep;
    private readonly string[] _headers;
    private readonly long _length;

    /// <param name="sourceId">The source id, for messages.</param>
    /// <param name="stream">The CSV text (UTF-8).</param>
    /// <param name="skipRows">Records before the header (the <c>header_row</c> option less one).</param>
    /// <param name="hasHeader">False for a file without a header row: its columns are then named by their 1-based numbers, or by <paramref name="names"/>.</param>
    /// <param name="names">For a file without a header row, the names of its columns (the <c>column_names</c> option); null to number them.</param>
    /// <param name="length">The text's length in bytes (uncompressed), or 0 when unknown: for <see cref="EstimatedRows"/>.</param>
    public CsvTabularReader(string sourceId, Stream stream, int skipRows = 0, bool hasHeader = true, IReadOnlyList<string>? names = null, long length = 0)
    {
        _sourceId = sourceId;
        _length = length;
        _text = new StreamReader(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        try
        {
            _sep = Options.From(_text);
            for (var i = 0; i < skipRows; i++)
            {
                NextRecord();
            }

            if (!NextRecord())
            {
                throw new SourceDataException(sourceId, null, null, hasHeader ? "the file is empty; expected a header row" : "the file is empty; expected data rows");
            }

            var row = _sep.Current;
            if (!hasHeader && names is not null && names.Count != row.ColCount)
            {
                throw new SourceDataException(sourceId, 1, null, $"the file has {row.ColCount} columns but options.column_names names {names.Count} ({string.Join(", ", names)}); has the publisher changed its layout?");
            }

            _headers = new string[row.ColCount];
            for (var i = 0; i < _headers.Length; i++)
            {
                _headers[i] = hasHeader ? CleanHeader(row[i].Span) : names is not null ? names[i] : (i + 1).ToString(CultureInfo.InvariantCulture);
            }

            // Without a header row the first record is data: it is read again by the first Read.
            _pending = !hasHeader;
        }
        catch
        {
            _sep?.Dispose();
            _text.Dispose();
            throw;
        }
    }

    private bool _pending;

    public override IReadOnlyList<string> Headers => _headers;

    public override bool Read()
    {
        if (_pending)
        {
            _pending = false;
        }
        else if (!NextRecord())
        {
            return false;
        }

        Row++;
        return true;
    }

    /// <inheritdoc />
    /// <remarks>The text's length over the current record's (and its line end): within a few percent for files of like rows.</remarks>
    public override long EstimatedRows => _length > 0 && Row > 0 ? _length / (_sep.Current.Span.Length + 1) : 0;

    public override ReadOnlySpan<char> Field(int index)
    {
        var row = _sep.Current;
        return (uint)index < (uint)row.ColCount ? row[index].Span : default;
    }

    /// <inheritdoc />
    /// <remarks>Sep's parser (csFastFloat, correctly rounded, so the same double as <see cref="double.Parse(string)"/>).</remarks>
    public override bool TryNumber(int index, out double value)
    {
        var row = _sep.Current;
        if ((uint)index < (uint)row.ColCount)
        {
            return row[index].TryParse(out value);
        }

        value = 0;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _sep.Dispose();
            _text.Dispose();
        }
    }

    /// <summary>Moves to the next non-blank record.</summary>
    private bool NextRecord()
    {
        try
        {
            while (_sep.MoveNext())
            {
                var row = _sep.Current;
                if (row.ColCount == 1 && row[0].Span.IsEmpty)
                {
                    continue;
                }

                // Sep reads an unclosed quote to the end of the file; an odd number of quotes in the record's text
                // is that quote (a closed field always holds an even number).
                if ((row.Span.Count('"') & 1) == 1)
                {
                    throw new SourceDataException(_sourceId, Row + 1, null, $"a quoted field opened on line {row.LineNumberFrom} is not closed before the end of the file");
                }

                return true;
            }

            return false;
        }
        catch (InvalidDataException ex)
        {
            throw new SourceDataException(_sourceId, Row + 1, null, $"the compressed stream is corrupt ({ex.Message})");
        }
    }
}
