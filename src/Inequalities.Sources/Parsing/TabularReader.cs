using System.IO.Compression;
using System.Text;
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
            return source.Format switch
            {
                SourceFormat.Csv => new CsvTabularReader(source.Id, File.OpenRead(path), skip),
                SourceFormat.CsvGz => new CsvTabularReader(source.Id, new GZipStream(File.OpenRead(path), CompressionMode.Decompress), skip),
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
            SourceFormat.Csv => new CsvTabularReader(source.Id, stream, HeaderSkip(source)),
            SourceFormat.Json => new JsonTabularReader(source.Id, stream),
            SourceFormat.GeoJson => new JsonTabularReader(source.Id, stream, "properties"),
            SourceFormat.Xlsx => XlsxTabularReader.Open(source.Id, Buffer(stream), source.Sheet!, HeaderSkip(source)),
            _ => throw new SourceDataException(source.Id, null, null, $"a zip member of format '{source.MemberFormat}' is not tabular"),
        };
    }

    /// <summary>Rows before the header, from the <c>header_row</c> option (1-based; default 1; checked when the catalogue loads).</summary>
    private static int HeaderSkip(SourceDefinition source) => source.Options.HeaderRow - 1;

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

/// <summary>CSV (plain, gzip or zip member) through <see cref="CsvTokenizer"/>.</summary>
internal sealed class CsvTabularReader : TabularReader
{
    private readonly string _sourceId;
    private readonly StreamReader _reader;
    private readonly CsvTokenizer _tokenizer;
    private readonly string[] _headers;

    public CsvTabularReader(string sourceId, Stream stream, int skipRows = 0)
    {
        _sourceId = sourceId;
        _reader = new StreamReader(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        _tokenizer = new CsvTokenizer(_reader);
        for (var i = 0; i < skipRows; i++)
        {
            ReadTokens();
        }

        if (!ReadTokens())
        {
            _reader.Dispose();
            throw new SourceDataException(sourceId, null, null, "the file is empty; expected a header row");
        }

        _headers = new string[_tokenizer.FieldCount];
        for (var i = 0; i < _headers.Length; i++)
        {
            _headers[i] = CleanHeader(_tokenizer[i]);
        }
    }

    public override IReadOnlyList<string> Headers => _headers;

    public override bool Read()
    {
        if (!ReadTokens())
        {
            return false;
        }

        Row++;
        return true;
    }

    public override ReadOnlySpan<char> Field(int index) => _tokenizer[index];

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _reader.Dispose();
        }
    }

    private bool ReadTokens()
    {
        try
        {
            return _tokenizer.ReadRecord();
        }
        catch (FormatException ex)
        {
            throw new SourceDataException(_sourceId, Row + 1, null, ex.Message);
        }
        catch (InvalidDataException ex)
        {
            throw new SourceDataException(_sourceId, Row + 1, null, $"the compressed stream is corrupt ({ex.Message})");
        }
    }
}
