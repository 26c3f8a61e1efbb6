using System.IO.Compression;
using System.Text;
using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Sample;
using Microsoft.AspNetCore.Http;

namespace Inequalities.TestSupport.Publishers;

public sealed partial class PublisherSimulator
{
    private const string Csv = "text/csv; charset=utf-8";
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The ONS Postcode Directory's item, as data-sources.yml names it.</summary>
    public const string OnspdItem = "3635ca7f69df4733af27caf86473ffa1";

    private static readonly Dictionary<string, (string File, Func<StandInFiles, byte[]> Build)> HubItems = new(StringComparer.Ordinal)
    {
        ["cbfe64cc03d74af982c1afec639bafd1"] = ("LSOA_(2011)_to_LSOA_(2021)_to_Local_Authority_District_(2022)_Exact_Fit_Lookup_for_EW_(V3).csv", f => f.Lsoa11Lsoa21Lookup.Value),
        ["b9ca90c10aaa4b8d9791e9859a38ca67"] = ("Output_Area_(2021)_to_LSOA_to_MSOA_to_LAD_(December_2021)_Exact_Fit_Lookup_in_EW_(V3).csv", f => f.Oa21Lookup.Value),
        ["3959874c514b470e9dd160acdc00c97a"] = ("Local_Authority_District_to_Region_(December_2024)_Lookup_in_EN.csv", f => f.LadRegionLookup.Value),
    };

    private static readonly Lazy<SampleRegisters> Registers = new(SampleRegisters.Build);

    /// <summary>The ArcGIS layers (the fetch layer's <see cref="ArcGisFeatureService"/> over the stand-in layers), shared by every simulator of the run.</summary>
    private static readonly Lazy<ArcGisFeatureService> FeatureServers = new(StandInLayers.Service);

    private static SimulatedResponse GovUkAsset(string path) => path switch
    {
        "/government/uploads/system/uploads/attachment_data/file/845345/File_7_-_All_IoD2019_Scores__Ranks__Deciles_and_Population_Denominators_3.csv"
            => SimulatedResponse.Ok(StandInFiles.Instance.IoD2019File7.Value, Csv),
        "/media/691ded56d140bbbaa59a2a7d/File_7_IoD2025_All_Ranks_Scores_Deciles_Population_Denominators.csv"
            => SimulatedResponse.Ok(StandInFiles.Instance.IoD2025File7.Value, Csv),
        "/media/5d8b3cd740f0b609909b590a/File_8_-_IoD2019_Underlying_Indicators.xlsx"
            => SimulatedResponse.Ok(StandInFiles.Instance.IoD2019File8.Value, Xlsx),
        "/media/691dec012c6b98ecdbc500d4/File_8_IoD2025_Underlying_Indicators.xlsx"
            => SimulatedResponse.Ok(StandInFiles.Instance.IoD2025File8.Value, Xlsx),
        _ => SimulatedResponse.NotFound,
    };

    private static SimulatedResponse OnsFile(string path, IQueryCollection query)
    {
        if (path != "/file")
        {
            return SimulatedResponse.NotFound;
        }

        var uri = query["uri"].ToString().ToLowerInvariant();
        return uri switch
        {
            "/peoplepopulationandcommunity/populationandmigration/populationestimates/datasets/lowersuperoutputareamidyearpopulationestimates/mid2020sape23dt2/sape23dt2mid2020lsoasyoaestimatesunformatted.xlsx"
                => SimulatedResponse.Ok(StandInFiles.Instance.SapeMid2020.Value, Xlsx),
            "/peoplepopulationandcommunity/populationandmigration/populationestimates/datasets/lowersuperoutputareamidyearpopulationestimates/mid2022revisednov2025tomid2024/sapelsoasyoa20222024.xlsx"
                => SimulatedResponse.Ok(StandInFiles.Instance.SapeLsoa21.Value, Xlsx),
            _ => SimulatedResponse.NotFound,
        };
    }

    private static SimulatedResponse HubExport(string path, IQueryCollection query)
    {
        // /api/download/v1/items/<id>/csv?layers=0: the Hub answers with a redirect to the export on its storage host.
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts is not ["api", "download", "v1", "items", var id, "csv"] || query["layers"] != "0" || !HubItems.TryGetValue(id, out var item))
        {
            return SimulatedResponse.NotFound;
        }

        return SimulatedResponse.Redirect($"https://{StorageHosts[1]}/exportfiles-4c3a-{id}/{Uri.EscapeDataString(item.File)}?sv=2018-03-28&sr=b&sig=simulated");
    }

    private static SimulatedResponse ArcGisItem(string path)
    {
        // /sharing/rest/content/items/<id>/data: a redirect to the item's file in the storage bucket (a signed URL).
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts is ["sharing", "rest", "content", "items", OnspdItem, "data"]
            ? SimulatedResponse.Redirect($"https://{StorageHosts[0]}/{OnspdItem}/ONSPD_NOV_2025_UK.zip?X-Amz-Security-Token=simulated&X-Amz-Expires=300")
            : SimulatedResponse.NotFound;
    }

    /// <summary>Where OS Data Hub's downloads API sends the Code-Point Open zip (a signed URL on its storage host).</summary>
    public const string CodePointZipPath = "/downloads/CodePointOpen/2025-10/allGB/CSV/codepo_gb.zip";

    private static SimulatedResponse OsDownloads(string path, IQueryCollection query)
    {
        // GET /downloads/v1/products/{productId}/downloads?area=GB&format=CSV: the product's downloads as JSON, or with
        // &redirect a 307 to the file itself (OS Downloads API technical specification; tmnnrs/os-downloads-api-curl).
        if (path != "/downloads/v1/products/CodePointOpen/downloads" || query["area"] != "GB" || query["format"] != "CSV")
        {
            return SimulatedResponse.NotFound;
        }

        var location = $"https://{StorageHosts[2]}{CodePointZipPath}?sv=2018-11-09&spr=https&sr=b&sp=r&sig=simulated";
        return query.ContainsKey("redirect")
            ? SimulatedResponse.Redirect(location, 307)
            : SimulatedResponse.Ok(Encoding.UTF8.GetBytes($"[{{\"md5\":\"simulated\",\"size\":{StandInFiles.Instance.CodePointOpen.Value.Length},\"url\":\"{location}\",\"format\":\"CSV\",\"area\":\"GB\",\"fileName\":\"codepo_gb.zip\"}}]"), "application/json");
    }

    private SimulatedResponse CoopsUk(string path)
    {
        // uk.coop keeps the current organisations file in its upload-month folder: last month's, by the clock.
        var now = _clock.GetUtcNow();
        var month = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(-1);
        return path == $"/sites/default/files/{Stamp(month)}/open_data_organisations_{month.ToString("yyyy_MM", System.Globalization.CultureInfo.InvariantCulture)}.csv"
            ? SimulatedResponse.Ok(StandInFiles.Instance.CoopsUkOrganisations.Value, Csv)
            : SimulatedResponse.NotFound;
    }

    private static SimulatedResponse Storage(string host, string path)
    {
        if (host.Equals(StorageHosts[2], StringComparison.OrdinalIgnoreCase))
        {
            return path == CodePointZipPath ? SimulatedResponse.Ok(StandInFiles.Instance.CodePointOpen.Value, "application/zip") : SimulatedResponse.NotFound;
        }

        if (host.Equals(StorageHosts[0], StringComparison.OrdinalIgnoreCase))
        {
            return path == $"/{OnspdItem}/ONSPD_NOV_2025_UK.zip"
                ? SimulatedResponse.Ok(StandInFiles.Instance.Onspd.Value, "application/zip")
                : SimulatedResponse.NotFound;
        }

        foreach (var (id, item) in HubItems)
        {
            if (path == $"/exportfiles-4c3a-{id}/{item.File}")
            {
                return SimulatedResponse.Ok(item.Build(StandInFiles.Instance), Csv);
            }
        }

        return SimulatedResponse.NotFound;
    }

    private static SimulatedResponse Fingertips(string path, IQueryCollection query)
    {
        if (path != "/api/all_data/csv/by_indicator_id")
        {
            return SimulatedResponse.NotFound;
        }

        // The API refuses a data request without the parent area type (fingertipsR always sends it).
        foreach (var required in new[] { "indicator_ids", "child_area_type_id", "parent_area_type_id" })
        {
            if (string.IsNullOrEmpty(query[required]))
            {
                return new SimulatedResponse(400, Encoding.UTF8.GetBytes($"{{\"message\":\"The request is invalid: {required} is required.\"}}"), "application/json");
            }
        }

        return Registers.Value.Fingertips.TryGetValue((query["indicator_ids"].ToString(), query["child_area_type_id"].ToString()), out var file)
            ? SimulatedResponse.Ok(file, Csv)
            : SimulatedResponse.Ok(Registers.Value.FingertipsHeaderOnly, Csv);
    }

    private SimulatedResponse CompaniesHouse(string path)
    {
        // Only one file exists: this month's once it is published, else last month's.
        var now = _clock.GetUtcNow();
        var month = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
        if (now.Day < CompaniesHousePublicationDay)
        {
            month = month.AddMonths(-1);
        }

        var name = $"BasicCompanyDataAsOneFile-{Stamp(month)}-01";
        return path == $"/{name}.zip"
            ? SimulatedResponse.Ok(XlsxWorkbook.ZipOf([(name + ".csv", Registers.Value.CompaniesHouseCsv)]), "application/zip")
            : SimulatedResponse.NotFound;
    }

    /// <summary>The registers and Fingertips extracts, from the project's sample generator over data-sources.yml.</summary>
    private sealed record SampleRegisters(byte[] Charity, byte[] CompaniesHouseCsv, Dictionary<(string Indicator, string AreaType), byte[]> Fingertips, byte[] FingertipsHeaderOnly)
    {
        public static SampleRegisters Build()
        {
            var catalogue = SourceCatalogue.Load(Path.Combine(SharedData.RepoRoot, "data-sources.yml"));
            using var dir = new TempDirectory();
            var files = SampleMirror.Generate(catalogue, dir.Path);
            byte[] Bytes(string id) => File.ReadAllBytes(files[id].LocalPath);
            var fingertips = new Dictionary<(string, string), byte[]>();
            byte[]? any = null;
            foreach (var source in catalogue.Sources.Where(s => s.Kind == SourceKind.Fingertips))
            {
                any = Bytes(source.Id);
                fingertips[(source.Options.Indicator.IndicatorId!, source.Options.Indicator.AreaTypeId!)] = any;
            }

            using var zip = new ZipArchive(new MemoryStream(Bytes("companies-house-cic")), ZipArchiveMode.Read);
            using var member = new MemoryStream();
            using (var entry = zip.Entries[0].Open())
            {
                entry.CopyTo(member);
            }

            var header = Encoding.UTF8.GetString(any ?? []).Split('\n')[0] + "\n";
            return new SampleRegisters(Bytes("charity-commission"), member.ToArray(), fingertips, Encoding.UTF8.GetBytes(header));
        }
    }
}
