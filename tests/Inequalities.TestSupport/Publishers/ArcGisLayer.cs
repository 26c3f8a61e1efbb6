using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsvHelper;

namespace Inequalities.TestSupport.Publishers;

/// <summary>
/// One layer of an <see cref="ArcGisFeatureService"/>: a table of attribute rows (and optionally GeoJSON geometries)
/// with the layer settings a client sees in its metadata (<c>maxRecordCount</c>, object-id field, last edit) and
/// fault switches that make it misbehave the ways real services do. Build one with <see cref="FromCsv(string, string)"/>,
/// <see cref="FromGeoJson(string, string)"/> or <see cref="FromRows"/>, rename fields to the publisher's names with
/// <see cref="RenameFields"/>, then add it to a service. Settings may change between requests (thread-safe reads).
/// </summary>
public sealed class ArcGisLayer
{
    private readonly List<string> _fields;
    private readonly List<string> _types;
    private readonly ConcurrentDictionary<int, PageFault> _pageFaults = new();
    private readonly ConcurrentQueue<string> _queries = new();
    private int _metadataRequests;
    private int _countRequests;
    private int _pageRequests;

    private ArcGisLayer(string name, List<string> fields, List<string> types, List<object?[]> rows, List<JsonNode?>? geometries, string? geometryType)
    {
        Name = name;
        _fields = fields;
        _types = types;
        Rows = rows;
        Geometries = geometries;
        GeometryType = geometryType;
        if (!_types.Contains("esriFieldTypeOID"))
        {
            // Hosted feature layers carry an object id (FID or OBJECTID); add one numbered from 1 in row order.
            _fields.Insert(0, "FID");
            _types.Insert(0, "esriFieldTypeOID");
            for (var i = 0; i < rows.Count; i++)
            {
                rows[i] = [(long)(i + 1), .. rows[i]];
            }
        }

        ObjectIdField = _fields[_types.IndexOf("esriFieldTypeOID")];
    }

    /// <summary>The layer's name in its metadata.</summary>
    public string Name { get; }

    /// <summary>The field names, in order (the object-id field first when the layer added it).</summary>
    public IReadOnlyList<string> Fields => _fields;

    /// <summary>The Esri type of each field (<c>esriFieldTypeOID</c>, <c>esriFieldTypeString</c>, <c>esriFieldTypeInteger</c>, <c>esriFieldTypeDouble</c>).</summary>
    public IReadOnlyList<string> FieldTypes => _types;

    /// <summary>The rows: one value per field (string, long, double or null).</summary>
    public IReadOnlyList<object?[]> Rows { get; }

    /// <summary>GeoJSON geometry per row (WGS84), or null for a table without geometry.</summary>
    public IReadOnlyList<JsonNode?>? Geometries { get; }

    /// <summary>The Esri geometry type (<c>esriGeometryPolygon</c>, <c>esriGeometryPoint</c>), or null for a table.</summary>
    public string? GeometryType { get; }

    /// <summary>The object-id field.</summary>
    public string ObjectIdField { get; }

    /// <summary>The most rows one query page returns.</summary>
    /// <value>The default value is 1,000 (ArcGIS Online's default for hosted layers).</value>
    public int MaxRecordCount { get; set; } = 1000;

    /// <summary><c>editingInfo.lastEditDate</c> in the metadata; null leaves <c>editingInfo</c> out.</summary>
    /// <value>The default value is 2025-06-01T00:00:00Z.</value>
    public DateTimeOffset? LastEditDate { get; set; } = new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Whether the metadata names the object-id field (<c>objectIdField</c>); false leaves only the field's type to show it.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool AnnounceObjectIdField { get; set; } = true;

    /// <summary>Added to the true count in answers to <c>returnCountOnly=true</c> (a count that disagrees with the pages).</summary>
    /// <value>The default value is 0.</value>
    public int CountOffset { get; set; }

    /// <summary>An error answered (with HTTP 200) to the metadata request, or null.</summary>
    public ArcGisError? MetadataError { get; set; }

    /// <summary>How many metadata requests the layer answered.</summary>
    public int MetadataRequests => _metadataRequests;

    /// <summary>How many <c>returnCountOnly</c> requests the layer answered.</summary>
    public int CountRequests => _countRequests;

    /// <summary>How many query pages the layer answered (error bodies included).</summary>
    public int PageRequests => _pageRequests;

    /// <summary>The query strings of every <c>/query</c> request, in order.</summary>
    public IReadOnlyList<string> Queries => _queries.ToArray();

    /// <summary>Reads a CSV file (plain or <c>.gz</c>) into a table layer; columns holding only numbers become numeric fields.</summary>
    /// <param name="name">The layer name.</param>
    /// <param name="path">The CSV file.</param>
    public static ArcGisLayer FromCsv(string name, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var file = File.OpenRead(path);
        using var stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : (Stream)file;
        using var reader = new StreamReader(stream);
        return FromCsv(name, reader);
    }

    /// <summary>Reads CSV text into a table layer; columns holding only numbers become numeric fields.</summary>
    /// <param name="name">The layer name.</param>
    /// <param name="csv">The CSV text (a header row, then data rows).</param>
    public static ArcGisLayer FromCsv(string name, TextReader csv)
    {
        ArgumentNullException.ThrowIfNull(csv);
        using var reader = CsvReader.Create(csv);
        var header = reader.Headers.Select(h => h.Trim().TrimStart('\uFEFF')).ToList();
        var text = new List<string?[]>();
        while (reader.Read())
        {
            text.Add(header.Select((_, i) => reader.GetStringOrNull(i) is { Length: > 0 } v ? v : null).ToArray());
        }

        return FromRows(name, header, text);
    }

    /// <summary>Builds a table layer from text rows; columns holding only numbers become numeric fields.</summary>
    /// <param name="name">The layer name.</param>
    /// <param name="fields">The field names.</param>
    /// <param name="rows">One text value (or null) per field per row.</param>
    /// <param name="geometries">GeoJSON geometries per row, for a layer with geometry.</param>
    public static ArcGisLayer FromRows(string name, IReadOnlyList<string> fields, IReadOnlyList<string?[]> rows, IReadOnlyList<JsonNode?>? geometries = null)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(rows);
        var types = new List<string>();
        var values = rows.Select(_ => new object?[fields.Count]).ToList();
        for (var c = 0; c < fields.Count; c++)
        {
            var column = rows.Select(r => r[c]).ToList();
            var numeric = column.Any(v => v is not null) && column.All(v => v is null || double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
            var integer = numeric && column.All(v => v is null || long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out _));
            types.Add(integer ? "esriFieldTypeInteger" : numeric ? "esriFieldTypeDouble" : "esriFieldTypeString");
            for (var r = 0; r < rows.Count; r++)
            {
                values[r][c] = column[r] is not { } v ? null
                    : integer ? long.Parse(v, CultureInfo.InvariantCulture)
                    : numeric ? double.Parse(v, CultureInfo.InvariantCulture)
                    : v;
            }
        }

        var geometryType = geometries?.FirstOrDefault(g => g is not null)?["type"]?.GetValue<string>() switch
        {
            "Point" => "esriGeometryPoint",
            "Polygon" or "MultiPolygon" => "esriGeometryPolygon",
            null => null,
            var other => throw new NotSupportedException($"geometry type {other}"),
        };
        return new ArcGisLayer(name, [.. fields], types, values, geometries?.ToList(), geometryType);
    }

    /// <summary>Reads a GeoJSON FeatureCollection into a layer with geometry (properties become fields).</summary>
    /// <param name="name">The layer name.</param>
    /// <param name="path">The GeoJSON file.</param>
    public static ArcGisLayer FromGeoJson(string name, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var root = JsonNode.Parse(File.ReadAllBytes(path))!;
        var features = root["features"]!.AsArray();
        var fields = features.Count == 0 ? [] : features[0]!["properties"]!.AsObject().Select(p => p.Key).ToList();
        var rows = features.Select(f => fields.Select(k => f!["properties"]![k] is { } v
            ? v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : v.ToJsonString()
            : null).ToArray()).ToList();
        var geometries = features.Select(f => f!["geometry"]?.DeepClone()).ToList();
        return FromRows(name, fields, rows, geometries);
    }

    /// <summary>Renames fields (old name to the publisher's name); names not in the layer are ignored.</summary>
    /// <param name="renames">Old name to new name.</param>
    /// <returns>This layer.</returns>
    public ArcGisLayer RenameFields(IReadOnlyDictionary<string, string> renames)
    {
        ArgumentNullException.ThrowIfNull(renames);
        for (var i = 0; i < _fields.Count; i++)
        {
            if (renames.TryGetValue(_fields[i], out var renamed))
            {
                _fields[i] = renamed;
            }
        }

        return this;
    }

    /// <summary>Answers query page <paramref name="page"/> (1-based: the page at offset (page - 1) × page size) with an error body and HTTP 200.</summary>
    /// <param name="page">The page.</param>
    /// <param name="error">The error (e.g. code 400 for bad parameters, 503 for an unavailable service).</param>
    /// <param name="times">How many requests for that page get it before the page answers normally.</param>
    public void FailPage(int page, ArcGisError error, int times = int.MaxValue) => _pageFaults[page] = new PageFault(error, null, false, times);

    /// <summary>
    /// Cuts page <paramref name="page"/> short: it returns only its first <paramref name="rows"/> rows, with
    /// <c>exceededTransferLimit</c> true when <paramref name="claimMore"/> (the client must continue from where the
    /// rows end) or false (the page stops the query early, so the rows received fall short of the count).
    /// </summary>
    /// <param name="page">The page (1-based).</param>
    /// <param name="rows">How many rows it returns (0 with <paramref name="claimMore"/> true is the empty page that claims more).</param>
    /// <param name="claimMore">What the page says about further rows.</param>
    public void ShortPage(int page, int rows, bool claimMore) => _pageFaults[page] = new PageFault(null, rows, claimMore, int.MaxValue);

    /// <summary>Makes page <paramref name="page"/> say no rows remain (<c>exceededTransferLimit</c> false) though more do.</summary>
    /// <param name="page">The page (1-based).</param>
    public void StopAfterPage(int page) => _pageFaults[page] = new PageFault(null, int.MaxValue, false, int.MaxValue);

    /// <summary>Removes every page fault.</summary>
    public void ClearFaults() => _pageFaults.Clear();

    /// <summary>The index of each field by name, ignoring case.</summary>
    internal Dictionary<string, int> FieldIndex() =>
        _fields.Select((f, i) => (f, i)).ToDictionary(t => t.f, t => t.i, StringComparer.OrdinalIgnoreCase);

    internal void CountMetadata() => Interlocked.Increment(ref _metadataRequests);

    internal void CountCount(string query)
    {
        Interlocked.Increment(ref _countRequests);
        _queries.Enqueue(query);
    }

    internal void CountPage(string query)
    {
        Interlocked.Increment(ref _pageRequests);
        _queries.Enqueue(query);
    }

    /// <summary>The fault for a page, consuming one of its uses; null when the page answers normally.</summary>
    internal PageFault? TakeFault(int page)
    {
        if (!_pageFaults.TryGetValue(page, out var fault))
        {
            return null;
        }

        if (fault.Error is not null && fault.Times != int.MaxValue)
        {
            if (fault.Times <= 0)
            {
                return null;
            }

            _pageFaults[page] = fault with { Times = fault.Times - 1 };
        }

        return fault;
    }

    /// <summary>A scripted misbehaviour of one page.</summary>
    internal sealed record PageFault(ArcGisError? Error, int? Rows, bool ClaimMore, int Times);
}

/// <summary>An ArcGIS REST error body: <c>{"error": {"code": .., "message": .., "details": [..]}}</c>.</summary>
/// <param name="Code">The error code (400 bad parameters, 498 invalid token, 499 token required, 500, 503, 504 ...).</param>
/// <param name="Message">The message.</param>
/// <param name="Details">The details.</param>
public sealed record ArcGisError(int Code, string Message, IReadOnlyList<string> Details)
{
    /// <summary>What ArcGIS Online answers to a query with invalid parameters.</summary>
    public static ArcGisError InvalidQuery(string detail = "Unable to perform query. Please check your parameters.") =>
        new(400, "Cannot perform query. Invalid query parameters.", [detail]);

    /// <summary>What an overloaded or restarting service answers.</summary>
    public static ArcGisError Unavailable() => new(503, "Service unavailable", []);
}
