using System.Globalization;
using System.Text;
using Inequalities.TestSupport;

namespace Inequalities.Core.Tests.Measures;

/// <summary>A minimal RFC 4180 reader for the anchor vectors: invariant culture, BOM, quoted fields (with newlines).</summary>
internal sealed class TestCsv
{
    private TestCsv(string name, string[] header, List<string[]> rows)
    {
        Name = name;
        Header = header;
        Rows = rows.Select((cells, i) => new CsvRow(this, i + 1, cells)).ToList();
    }

    public string Name { get; }

    public string[] Header { get; }

    public IReadOnlyList<CsvRow> Rows { get; }

    public static TestCsv Anchor(string name) => Parse(name, File.ReadAllText(SharedData.AnchorFile(name), Encoding.UTF8));

    public static TestCsv Parse(string name, string text)
    {
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n' || c == '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                fields.Add(field.ToString());
                field.Clear();
                records.Add([.. fields]);
                fields.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add([.. fields]);
        }

        var header = records[0].Select(h => h.Replace("\uFEFF", string.Empty, StringComparison.Ordinal).Trim()).ToArray();
        return new TestCsv(name, header, records.Skip(1).Where(r => r.Length > 1 || r[0].Length > 0).ToList());
    }

    public int Column(string name)
    {
        var index = Array.IndexOf(Header, name);
        return index >= 0 ? index : throw new KeyNotFoundException($"{Name}: no column '{name}' (have {string.Join(", ", Header)})");
    }
}

internal sealed class CsvRow(TestCsv file, int number, string[] cells)
{
    public int Number { get; } = number;

    public string this[string column] => cells[file.Column(column)];

    /// <summary>The cell as a number; blank or NA = NaN.</summary>
    public double Num(string column)
    {
        var text = this[column].Trim();
        if (text.Length == 0 || text == "NA")
        {
            return double.NaN;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"{file.Name} row {Number} column {column}: '{text}' is not a number");
    }
}

/// <summary>testthat-style comparisons.</summary>
internal static class Compare
{
    /// <summary>The default testthat tolerance, sqrt(double epsilon).</summary>
    public const double Default = 1.4901161193847656e-8;

    /// <summary>Asserts mean(|a − e|) / mean(|e|) &lt; tolerance, and that missing values coincide.</summary>
    public static void MeanRelative(IReadOnlyList<double> actual, IReadOnlyList<double> expected, double tolerance, string what)
    {
        Assert.Equal(expected.Count, actual.Count);
        double diff = 0, scale = 0;
        var n = 0;
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.True(double.IsNaN(expected[i]) == double.IsNaN(actual[i]),
                $"{what}[{i}]: expected {expected[i]} but got {actual[i]} (missingness differs)");
            if (double.IsNaN(expected[i]))
            {
                continue;
            }

            diff += Math.Abs(actual[i] - expected[i]);
            scale += Math.Abs(expected[i]);
            n++;
        }

        if (n == 0)
        {
            return;
        }

        var relative = scale == 0 ? diff / n : diff / scale;
        Assert.True(relative < tolerance,
            $"{what}: mean relative difference {relative:G4} ≥ {tolerance:G4}; expected [{string.Join(", ", expected)}] got [{string.Join(", ", actual)}]");
    }

    public static void Relative(double actual, double expected, double tolerance, string what)
    {
        if (double.IsNaN(expected))
        {
            Assert.True(double.IsNaN(actual), $"{what}: expected NaN, got {actual}");
            return;
        }

        var scale = Math.Max(Math.Abs(expected), double.Epsilon);
        Assert.True(Math.Abs(actual - expected) / scale <= tolerance, $"{what}: expected {expected:R}, got {actual:R} (tolerance {tolerance:G3})");
    }
}
