using System.IO.Compression;
using System.Text;
using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Parsing;
using Inequalities.TestSupport;

namespace Inequalities.Sources.Tests.Parsing;

public sealed class SourceRecordReaderTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Read_QuotedFieldsBomAndThousands_ParsesValues()
    {
        var path = Write("f.csv", "\uFEFF\"LSOA code (2011)\",\"IMD Rank\",Name\r\nE01000001,\"29,199\",\"Smith, \"\"Jr\"\"\"\r\n\r\nE01000002,7,\"two\nlines\"\n");
        using var reader = SourceRecordReader.Open(Source("csv", "lsoa_code: LSOA code (2011)\n      imd.rank: IMD Rank"), path);

        Assert.True(reader.Read());
        Assert.Equal("E01000001", reader.Code(reader.Slot("lsoa_code"), "lsoa_code", "E01"));
        Assert.Equal(29199L, reader.Integer(reader.Slot("imd.rank"), "imd.rank"));
        Assert.Equal("Smith, \"Jr\"", reader.Text(reader.HeaderSlot("Name")));
        Assert.True(reader.Read());
        Assert.Equal(2, reader.Row);
        Assert.Equal("two\nlines", reader.Text(reader.HeaderSlot("Name")));
        Assert.False(reader.Read());
    }

    [Fact]
    public void Open_RenamedHeader_ReportsSchemaDriftWithEveryMissingHeader()
    {
        var path = Write("f.csv", "code,rank_renamed\nE01000001,1\n");

        var ex = Assert.Throws<SourceDataException>(() => SourceRecordReader.Open(Source("csv", "lsoa_code: LSOA code\n      imd.rank: IMD Rank"), path));

        Assert.Equal(
            "source 'src': the file has no 'LSOA code' (for lsoa_code), no 'IMD Rank' (for imd.rank); the publisher may have renamed its columns (schema drift). Headers found: code | rank_renamed",
            ex.Message);
    }

    [Fact]
    public void Open_EmptyFile_SaysSo()
    {
        var path = Write("f.csv", string.Empty);

        var ex = Assert.Throws<SourceDataException>(() => SourceRecordReader.Open(Source("csv", "lsoa_code: LSOA code\n      imd.rank: IMD Rank"), path));

        Assert.Equal("source 'src': the file is empty; expected a header row", ex.Message);
    }

    [Fact]
    public void Double_Unparsable_NamesRowColumnAndHeader()
    {
        var path = Write("f.csv", "LSOA code,IMD Rank\nE01000001,12\nE01000002,twelve\n");
        using var reader = SourceRecordReader.Open(Source("csv", "lsoa_code: LSOA code\n      imd.rank: IMD Rank"), path);
        reader.Read();
        reader.Read();

        var ex = Assert.Throws<SourceDataException>(() => reader.Double(reader.Slot("imd.rank"), "imd.rank"));

        Assert.Equal("source 'src' row 2 column 'imd.rank' (header 'IMD Rank'): 'twelve' is not a number", ex.Message);
    }

    [Theory]
    [InlineData("E0100001", "'E0100001' is not a GSS code (a letter and 8 digits, e.g. E01006512)")]
    [InlineData("E02000001", "'E02000001' is not a code of the expected kind (E01 or W01...)")]
    [InlineData("", "is empty; an area code is required")]
    public void Code_Malformed_IsRejected(string code, string problem)
    {
        var path = Write("f.csv", $"LSOA code,IMD Rank\n{code},1\n");
        using var reader = SourceRecordReader.Open(Source("csv", "lsoa_code: LSOA code\n      imd.rank: IMD Rank"), path);
        reader.Read();

        var ex = Assert.Throws<SourceDataException>(() => reader.Code(reader.Slot("lsoa_code"), "lsoa_code", "E01", "W01"));

        Assert.Equal($"source 'src' row 1 column 'lsoa_code' (header 'LSOA code'): {problem}", ex.Message);
    }

    [Theory]
    [InlineData("", null)]
    [InlineData("..", null)]
    [InlineData("NA", null)]
    [InlineData("1,234.5", 1234.5)]
    [InlineData("12.5%", 12.5)]
    [InlineData("-3e2", -300d)]
    public void Double_MissingMarkersAndFormats_Parse(string text, double? expected)
    {
        var path = Write("f.csv", $"LSOA code,IMD Rank\nE01000001,\"{text}\"\n");
        using var reader = SourceRecordReader.Open(Source("csv", "lsoa_code: LSOA code\n      imd.rank: IMD Rank"), path);
        reader.Read();

        Assert.Equal(expected, reader.Double(reader.Slot("imd.rank"), "imd.rank"));
    }

    [Fact]
    public void FindHeader_WildcardAndSpacing_Match()
    {
        string[] headers = ["Area  Code", "Compared to CCGs in England value or percentiles"];

        Assert.Equal(0, ColumnBinding.FindHeader(headers, "area code"));
        Assert.Equal(1, ColumnBinding.FindHeader(headers, "Compared to * value or percentiles"));
        Assert.Equal(-1, ColumnBinding.FindHeader(headers, "Compared to * goal"));
    }

    [Fact]
    public void Open_JsonArrayInZip_ReadsRecords()
    {
        var zipPath = _temp.Combine("f.zip");
        using (var zip = ZipFile.Open(zipPath, ZipArchiveMode.Create))
        {
            using var writer = new StreamWriter(zip.CreateEntry("data/charities.json").Open(), new UTF8Encoding(true));
            writer.Write("[{\"name\":\"A Trust\",\"postcode\":\"L1 1AA\",\"n\":3},{\"name\":\"B\",\"postcode\":null}]");
        }

        var source = Source("zip\n    member: data/charities.json\n    member_format: json", "name: name\n      postcode: postcode", kind: "assets", geography: "point");
        using var reader = SourceRecordReader.Open(source, zipPath);

        Assert.True(reader.Read());
        Assert.Equal("A Trust", reader.Text(reader.Slot("name")));
        Assert.Equal("3", reader.Text(reader.HeaderSlot("n")));
        Assert.True(reader.Read());
        Assert.Null(reader.Text(reader.Slot("postcode")));
        Assert.False(reader.Read());
    }

    [Fact]
    public void Open_RealIod2019File1_ReadsEveryLsoaWithThousandsSeparators()
    {
        var source = Source(
            "csv.gz",
            "lsoa_code: LSOA code (2011)\n      imd.rank: Index of Multiple Deprivation (IMD) Rank\n      imd.decile: Index of Multiple Deprivation (IMD) Decile");
        using var reader = SourceRecordReader.Open(source, SharedData.DataFile("File_1_-_IMD2019_Index_of_Multiple_Deprivation.csv.gz"));
        var ranks = new HashSet<long>();
        var code = reader.Slot("lsoa_code");
        var rank = reader.Slot("imd.rank");
        while (reader.Read())
        {
            reader.Code(code, "lsoa_code", "E01");
            ranks.Add(reader.Integer(rank, "imd.rank")!.Value);
        }

        Assert.Equal(32_844, reader.Row);

        // The published ranks run 1..32,844 but are not all distinct: 26 ranks are shared by two LSOAs (tied
        // scores), and the rank after a tie is skipped.
        Assert.Equal(32_844 - 26, ranks.Count);
        Assert.Equal(1, ranks.Min());
        Assert.Equal(32_844, ranks.Max());
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("csv.gz")]
    public void EstimatedRows_AfterTheFirstRow_IsNearTheRowsOfAFileOfLikeRows(string format)
    {
        var text = "LSOA code,IMD Rank\n" + string.Concat(Enumerable.Range(0, 2_000).Select(i => $"E01{i:D6},{10_000 + i}\n"));
        var path = format == "csv" ? Write("f.csv", text) : WriteGzip("f.csv.gz", text);
        using var reader = SourceRecordReader.Open(Source(format, "lsoa_code: LSOA code\n      imd.rank: IMD Rank"), path);

        Assert.Equal(0, reader.EstimatedRows);
        Assert.True(reader.Read());

        Assert.InRange(reader.EstimatedRows, 2_000, 2_020);
    }

    private string WriteGzip(string name, string content)
    {
        var path = Path.Combine(_temp.Path, name);
        using (var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes(content));
        }

        return path;
    }

    private string Write(string name, string content) => _temp.WriteText(name, content);

    private static SourceDefinition Source(string format, string columns, string kind = "deprivation", string geography = "lsoa")
    {
        var yaml = $"""
            version: 1
            sources:
              - id: src
                kind: {kind}
                publisher: test
                licence: OGL-3.0
                url: f
                format: {format}
                geography: {geography}
                columns:
                  {columns}
            """;
        return SourceCatalogue.Parse(yaml, "/tmp").Sources[0];
    }
}
