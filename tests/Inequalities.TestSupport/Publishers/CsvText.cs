using System.Text;

namespace Inequalities.TestSupport.Publishers;

/// <summary>Writes RFC 4180 CSV (CRLF, fields quoted only when they must be), optionally with a UTF-8 byte-order mark.</summary>
internal static class CsvText
{
    private static readonly UTF8Encoding Utf8NoBom = new(false);

    /// <summary>The CSV bytes of a header and rows.</summary>
    public static byte[] Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows, bool bom = false, bool quoteAll = false)
    {
        var sb = new StringBuilder();
        Append(sb, header, quoteAll);
        foreach (var row in rows)
        {
            Append(sb, row, quoteAll);
        }

        var body = Utf8NoBom.GetBytes(sb.ToString());
        return bom ? [0xEF, 0xBB, 0xBF, .. body] : body;
    }

    private static void Append(StringBuilder sb, IReadOnlyList<string?> fields, bool quoteAll)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }

            var value = fields[i] ?? string.Empty;
            var quote = quoteAll || value.AsSpan().IndexOfAny(",\"\r\n") >= 0;
            sb.Append(quote ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value);
        }

        sb.Append("\r\n");
    }
}
