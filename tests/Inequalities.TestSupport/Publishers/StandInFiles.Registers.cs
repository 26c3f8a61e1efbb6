using System.IO.Compression;

namespace Inequalities.TestSupport.Publishers;

internal sealed partial class StandInFiles
{
    /// <summary>The Code-Point Open product as OS Data Hub serves it, from the five shared area files.</summary>
    public Lazy<byte[]> CodePointOpen { get; } = new(BuildCodePointOpen);

    /// <summary>Co-operatives UK's organisations file in its own layout (the shared June 2017 edition, unzipped).</summary>
    public Lazy<byte[]> CoopsUkOrganisations { get; } = new(BuildCoopsUk);

    private static byte[] BuildCodePointOpen()
    {
        // The zip's layout: one headerless CSV per postcode area in Data/CSV, the column names (short, then long) and
        // the product's licence and metadata in Doc. Only the five areas of ../shared/data (L, CH, WA, PR, WN).
        var entries = new List<(string Name, byte[] Content)>();
        foreach (var area in SharedRegisters.CodePointAreas)
        {
            entries.Add(($"Data/CSV/{area}.csv", Gunzip(SharedData.DataFile($"codepoint_open_2025_4/{area}.csv.gz"))));
        }

        foreach (var doc in new[] { "Code-Point_Open_Column_Headers.csv", "licence.txt", "metadata.txt" })
        {
            entries.Add(($"Doc/{doc}", File.ReadAllBytes(SharedData.DataFile($"codepoint_open_2025_4/{doc}"))));
        }

        return Inequalities.Sources.Sample.XlsxWorkbook.ZipOf(entries);
    }

    private static byte[] BuildCoopsUk() => Gunzip(SharedData.DataFile("coopsuk_open_data_organisations_2017-06_UK.csv.gz"));

    private static byte[] Gunzip(string path)
    {
        using var gz = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var buffer = new MemoryStream();
        gz.CopyTo(buffer);
        return buffer.ToArray();
    }
}
