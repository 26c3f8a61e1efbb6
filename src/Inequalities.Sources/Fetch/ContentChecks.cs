using System.Buffers;
using System.IO.Compression;
using Inequalities.Sources.Catalogue;

namespace Inequalities.Sources.Fetch;

/// <summary>
/// Checks a downloaded file before it may enter the raw cache: Content-Type against the declared format, an HTML
/// page where data was expected, magic numbers, zip member safety and decompression limits.
/// </summary>
internal static class ContentChecks
{
    private static readonly string[] Generic =
    [
        "application/octet-stream", "binary/octet-stream", "application/x-download", "application/force-download",
        "application/download",
    ];

    private static readonly string[] CsvTypes =
    [
        "text/csv", "text/plain", "application/csv", "application/x-csv", "text/x-csv", "text/comma-separated-values",
        "application/vnd.ms-excel",
    ];

    private static readonly string[] GzipTypes =
    [
        "application/gzip", "application/x-gzip", "application/x-gunzip", "application/gzip-compressed",
        "application/x-compressed", "text/csv",
    ];

    private static readonly string[] ZipTypes = ["application/zip", "application/x-zip-compressed", "application/x-zip", "multipart/x-zip"];

    private static readonly string[] XlsxTypes =
    [
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/vnd.ms-excel",
        "application/zip", "application/x-zip-compressed",
    ];

    private static readonly string[] JsonTypes = ["application/json", "text/json", "text/plain", "application/geo+json", "application/vnd.geo+json"];

    /// <summary>The format as written in the catalogue.</summary>
    public static string Name(SourceFormat format) => Naming.FormatName(format);

    /// <summary>The raw cache file extension for a format.</summary>
    public static string Extension(SourceFormat format) => Naming.FormatExtension(format);

    /// <summary>Returns why a Content-Type does not fit the declared format, or <see langword="null"/> when it does.</summary>
    public static string? CheckContentType(SourceFormat format, string? mediaType)
    {
        if (string.IsNullOrWhiteSpace(mediaType))
        {
            return null;
        }

        var type = mediaType.Trim().ToLowerInvariant();
        if (type is "text/html" or "application/xhtml+xml")
        {
            return $"returned an HTML page (Content-Type '{type}'), not {Name(format)}";
        }

        if (Generic.Contains(type))
        {
            return null;
        }

        var accepted = format switch
        {
            SourceFormat.Csv => CsvTypes,
            SourceFormat.CsvGz => GzipTypes,
            SourceFormat.Zip => ZipTypes,
            SourceFormat.Xlsx => XlsxTypes,
            SourceFormat.Json or SourceFormat.GeoJson or SourceFormat.ArcGis => JsonTypes,
            _ => [],
        };
        if (accepted.Contains(type) || ((format is SourceFormat.Json or SourceFormat.GeoJson or SourceFormat.ArcGis) && type.EndsWith("+json", StringComparison.Ordinal)))
        {
            return null;
        }

        return $"returned Content-Type '{type}', which is not {Name(format)} (expected one of {string.Join(", ", accepted)} or application/octet-stream)";
    }

    /// <summary>Checks a complete file; throws <see cref="PermanentFetchException"/> naming the problem.</summary>
    /// <param name="path">The file.</param>
    /// <param name="source">The source it is for.</param>
    /// <param name="decompressionLimit">The most bytes a zip member or gzip stream may decompress to.</param>
    /// <param name="verb">"returned" for a download, "is" for a local file.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    public static void Validate(string path, SourceDefinition source, long decompressionLimit, string verb, CancellationToken cancellationToken)
    {
        var head = new byte[1024];
        int headLength;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read))
        {
            headLength = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }

        var name = Name(source.Format);
        if (headLength == 0)
        {
            throw new PermanentFetchException($"{verb} an empty file, not {name}");
        }

        var start = head.AsSpan(0, headLength);
        if (LooksLikeHtml(start))
        {
            throw new PermanentFetchException($"{verb} an HTML page, not {name}");
        }

        switch (source.Format)
        {
            case SourceFormat.CsvGz:
                if (headLength < 2 || start[0] != 0x1f || start[1] != 0x8b)
                {
                    throw new PermanentFetchException($"{verb} a file without the gzip header (1f 8b), not {name}");
                }

                CheckGzip(path, decompressionLimit, cancellationToken);
                break;
            case SourceFormat.Zip or SourceFormat.Xlsx:
                if (headLength < 4 || start[0] != 'P' || start[1] != 'K' || start[2] != 3 || start[3] != 4)
                {
                    throw new PermanentFetchException($"{verb} a file without the zip header (PK 03 04), not {name}");
                }

                CheckZip(path, source, decompressionLimit, cancellationToken);
                break;
        }
    }

    /// <summary>Whether the start of a file is an HTML document (after a byte-order mark and white space).</summary>
    public static bool LooksLikeHtml(ReadOnlySpan<byte> start)
    {
        if (start.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            start = start[3..];
        }

        var i = 0;
        while (i < start.Length && start[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            i++;
        }

        start = start[i..];
        return StartsWithIgnoreCase(start, "<!doctype html"u8) || StartsWithIgnoreCase(start, "<html"u8) ||
               StartsWithIgnoreCase(start, "<head"u8) || StartsWithIgnoreCase(start, "<body"u8);
    }

    private static bool StartsWithIgnoreCase(ReadOnlySpan<byte> text, ReadOnlySpan<byte> prefix)
    {
        if (text.Length < prefix.Length)
        {
            return false;
        }

        for (var i = 0; i < prefix.Length; i++)
        {
            var c = text[i];
            if (c is >= (byte)'A' and <= (byte)'Z')
            {
                c = (byte)(c + 32);
            }

            if (c != prefix[i])
            {
                return false;
            }
        }

        return true;
    }

    private static void CheckGzip(string path, long limit, CancellationToken cancellationToken)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            var total = CountBytes(gzip, limit, cancellationToken);
            if (total < 0)
            {
                throw new PermanentFetchException($"gzip stream decompresses to more than {limit} bytes (DecompressionLimit)");
            }
        }
        catch (InvalidDataException ex)
        {
            throw new PermanentFetchException($"is not a valid gzip stream: {ex.Message}", ex);
        }
    }

    private static void CheckZip(string path, SourceDefinition source, long limit, CancellationToken cancellationToken)
    {
        try
        {
            using var archive = ZipFile.OpenRead(path);
            var wanted = new List<ZipArchiveEntry>();
            var wantedName = source.Member?.Replace('\\', '/');
            foreach (var entry in archive.Entries)
            {
                if (!ZipSafety.IsSafeMemberPath(entry.FullName))
                {
                    throw new PermanentFetchException($"archive holds the unsafe member path '{entry.FullName}' (absolute or with '..')");
                }

                if (entry.Length > limit)
                {
                    throw new PermanentFetchException($"archive member '{entry.FullName}' declares {entry.Length} bytes uncompressed, more than the limit of {limit} bytes (DecompressionLimit)");
                }

                if (wantedName is not null && ZipMembers.Matches(entry.FullName, wantedName))
                {
                    wanted.Add(entry);
                }
            }

            if (source.Format != SourceFormat.Zip)
            {
                return;
            }

            if (wanted.Count == 0)
            {
                var names = archive.Entries.Select(e => e.FullName).Take(20).ToList();
                throw new PermanentFetchException(
                    $"archive has no member {(ZipMembers.IsPattern(wantedName!) ? "matching " : string.Empty)}'{source.Member}' (it holds {archive.Entries.Count} member{(archive.Entries.Count == 1 ? string.Empty : "s")}: {string.Join(", ", names)}{(archive.Entries.Count > names.Count ? ", …" : string.Empty)})",
                    notFound: true);
            }

            // A member pattern reads every match: the limit holds for each (as for the declared sizes above).
            foreach (var entry in wanted)
            {
                using var member = entry.Open();
                if (CountBytes(member, limit, cancellationToken) < 0)
                {
                    throw new PermanentFetchException($"archive member '{entry.FullName}' decompresses to more than {limit} bytes (DecompressionLimit)");
                }
            }
        }
        catch (InvalidDataException ex)
        {
            throw new PermanentFetchException($"is not a valid zip archive: {ex.Message}", ex);
        }
    }

    /// <summary>Reads a stream to its end, returning the byte count, or -1 as soon as it exceeds <paramref name="limit"/>.</summary>
    private static long CountBytes(Stream stream, long limit, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            long total = 0;
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                total += read;
                if (total > limit)
                {
                    return -1;
                }

                cancellationToken.ThrowIfCancellationRequested();
            }

            return total;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
