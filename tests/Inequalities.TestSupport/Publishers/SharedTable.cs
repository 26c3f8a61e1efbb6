using System.IO.Compression;
using nietras.SeparatedValues;

namespace Inequalities.TestSupport.Publishers;

/// <summary>A CSV file of ../shared/data read whole: its header and rows (gzip-compressed files are read as they are).</summary>
internal sealed class SharedTable
{
    private readonly Dictionary<string, int> _columns;

    private SharedTable(string[] header, List<string[]> rows)
    {
        Header = header;
        Rows = rows;
        _columns = header.Select((h, i) => (h, i)).ToDictionary(x => x.h, x => x.i, StringComparer.Ordinal);
    }

    /// <summary>The header row.</summary>
    public string[] Header { get; }

    /// <summary>The data rows.</summary>
    public List<string[]> Rows { get; }

    /// <summary>Reads a file of ../shared/data (<paramref name="hasHeader"/> false for Code-Point Open's headerless files).</summary>
    public static SharedTable Read(string name, bool hasHeader = true, string[]? header = null)
    {
        var path = SharedData.DataFile(name);
        using var file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var text = new StreamReader(stream, detectEncodingFromByteOrderMarks: true);
        using var csv = Sep.New(',').Reader(o => o with { HasHeader = false, Unescape = true, DisableColCountCheck = true }).From(text);
        var rows = new List<string[]>();
        string[]? head = hasHeader ? null : header ?? throw new ArgumentException("a headerless file needs its header", nameof(header));
        foreach (var row in csv)
        {
            if (row.ColCount == 1 && row[0].Span.IsEmpty)
            {
                continue;
            }

            var record = new string[row.ColCount];
            for (var i = 0; i < record.Length; i++)
            {
                record[i] = row[i].ToString();
            }

            if (head is null)
            {
                head = record;
                continue;
            }

            rows.Add(record);
        }

        return new SharedTable(head ?? [], rows);
    }

    /// <summary>The index of a column; throws naming the file's header when it is missing.</summary>
    public int this[string column] => _columns.TryGetValue(column, out var i)
        ? i
        : throw new InvalidOperationException($"The shared file has no column '{column}' (it has {string.Join(", ", Header)}).");

    /// <summary>Rows keyed by one column (the first row wins on a repeated key).</summary>
    public Dictionary<string, string[]> By(string column)
    {
        var index = this[column];
        var map = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var row in Rows)
        {
            map.TryAdd(row[index], row);
        }

        return map;
    }
}
