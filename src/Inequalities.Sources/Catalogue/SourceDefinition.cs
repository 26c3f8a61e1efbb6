using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Inequalities.Sources.Catalogue;

/// <summary>
/// One entry of <c>data-sources.yml</c>: where a publisher's file lives, what it holds, and how its headers map to
/// the project's canonical field names. Instances are validated by <see cref="SourceCatalogue"/> and immutable.
/// </summary>
public sealed record SourceDefinition
{
    /// <summary>Stable identifier (lower case, digits, '-', '_'); names the raw cache folder and provenance rows.</summary>
    public required string Id { get; init; }

    /// <summary>What the source holds.</summary>
    public required SourceKind Kind { get; init; }

    /// <summary>
    /// The kind as the catalogue writes it (<c>deprivation</c>, <c>postcodes</c>...; the name a registered kind was
    /// given, for <see cref="SourceKind.Registered"/>): the key of <see cref="Kinds.SourceKinds"/>.
    /// </summary>
    public string KindName
    {
        get => _kindName ?? Naming.ToSnake(Kind.ToString());
        init => _kindName = value;
    }

    private readonly string? _kindName;

    /// <summary>Who publishes it (for attribution).</summary>
    public required string Publisher { get; init; }

    /// <summary>The licence it is published under, e.g. <c>OGL-3.0</c>.</summary>
    public required string Licence { get; init; }

    /// <summary>
    /// The location as written in the catalogue: an https URL, or a path relative to the catalogue file; it may hold
    /// <c>{month:FORMAT}</c> tokens (see <see cref="MonthTemplate"/>). For <see cref="SourceFormat.ArcGis"/>, the layer URL.
    /// </summary>
    public required string Url { get; init; }

    /// <summary>
    /// The resolved location: an absolute URI (https, http on loopback, or file). When <see cref="Url"/> holds month
    /// tokens they stay in it (escaped); the fetcher resolves them for each month it tries.
    /// </summary>
    public required Uri Location { get; init; }

    /// <summary>The absolute URL or path with its month tokens, when <see cref="Url"/> has any; otherwise null.</summary>
    internal string? LocationTemplate { get; init; }

    /// <summary>
    /// How many earlier months the fetcher tries, newest first, when the publisher answers 404 or 410 (or the zip
    /// lacks the member) for the current month of a templated url or member (<c>fallback_months</c>, 0 to 12).
    /// </summary>
    /// <value>The default value is 0.</value>
    public int FallbackMonths { get; init; }

    /// <summary>Whether the url or member holds <c>{month:FORMAT}</c> tokens.</summary>
    public bool IsTemplated => LocationTemplate is not null || MonthTemplate.HasTokens(Member);

    /// <summary>The file format.</summary>
    public required SourceFormat Format { get; init; }

    /// <summary>For <see cref="SourceFormat.Xlsx"/> (or an xlsx zip member): the worksheet to read.</summary>
    public string? Sheet { get; init; }

    /// <summary>For <see cref="SourceFormat.Zip"/>: the archive member to read.</summary>
    public string? Member { get; init; }

    /// <summary>For <see cref="SourceFormat.Zip"/>: the format of the member (csv, xlsx, json, geojson).</summary>
    public SourceFormat? MemberFormat { get; init; }

    /// <summary>The geography level of the rows.</summary>
    public required GeographyLevel Geography { get; init; }

    /// <summary>The geography vintage (e.g. 2011 or 2021 for LSOAs), when it has one.</summary>
    public int? Vintage { get; init; }

    /// <summary>The data period or edition the file covers (e.g. <c>2019</c>, <c>mid-2020</c>), when stated.</summary>
    public string? Period { get; init; }

    /// <summary>
    /// Canonical field name to the source's header: the first accepted header where the <c>columns:</c> entry lists
    /// several (see <see cref="ColumnAliases"/>).
    /// </summary>
    public required FrozenDictionary<string, string> Columns { get; init; }

    /// <summary>
    /// For the fields whose <c>columns:</c> entry is a list (<c>lad_code: [lad25cd, lad24cd, oslaua]</c>): every accepted
    /// header, in order; the first one found in a file is used. Fields with one header are not listed.
    /// </summary>
    public FrozenDictionary<string, ImmutableArray<string>> ColumnAliases { get; init; } = FrozenDictionary<string, ImmutableArray<string>>.Empty;

    /// <summary>Expected SHA-256 of the file (lower-case hex), when pinned.</summary>
    public string? Sha256 { get; init; }

    /// <summary>Largest file accepted, in bytes.</summary>
    public required long MaxBytes { get; init; }

    /// <summary>The schedule overriding the catalogue's default one for this source, parsed when the catalogue loads.</summary>
    public CronSchedule? Schedule { get; init; }

    /// <summary>Whether a refresh includes the source (alternatives ship disabled).</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>The id of the source this one is an alternative to, when it is one.</summary>
    public string? AlternativeTo { get; init; }

    /// <summary>Free-text description.</summary>
    public string? Description { get; init; }

    /// <summary>
    /// The attribution statement the licence asks users to show (<c>attribution:</c>), e.g. ONS's
    /// "Source: Office for National Statistics licensed under the Open Government Licence v3.0. Contains OS data ©
    /// Crown copyright and database right 2024." or "Contains Co-operatives UK open data".
    /// </summary>
    /// <value>The default value is <see langword="null"/>: <see cref="Catalogue.Attribution.For"/> gives the OGL sentence for an OGL source.</value>
    public string? Attribution { get; init; }

    /// <summary>
    /// The <c>options:</c>, parsed and checked when the catalogue loads: <c>header_row</c> as a number, booleans as
    /// booleans, each kind's options in its own record (<see cref="SourceOptions.ArcGis"/>,
    /// <see cref="SourceOptions.Indicator"/>, <see cref="SourceOptions.Assets"/>).
    /// </summary>
    /// <value>The default value is <see cref="SourceOptions.None"/>.</value>
    public SourceOptions Options { get; init; } = SourceOptions.None;

    /// <summary>
    /// The <c>options:</c> as written, name to text. Read values through <see cref="Options"/>; the text is kept for
    /// the entry's definition fingerprint (the manifest's <c>definition_sha256</c>), which hashes what the catalogue
    /// says, so an entry whose text has not changed keeps its fingerprint.
    /// </summary>
    /// <value>The default value is empty.</value>
    public FrozenDictionary<string, string> OptionText { get; init; } = FrozenDictionary<string, string>.Empty;

    /// <summary>What the source's indicators measure (<c>indicator:</c> and <c>indicators:</c>), when the catalogue says.</summary>
    public IndicatorMetadataSet? IndicatorMetadata { get; init; }

    /// <summary>1-based line of the entry in the catalogue file, for messages.</summary>
    public int Line { get; init; }

    /// <summary>Whether the location is a local file rather than an HTTP(S) URL.</summary>
    public bool IsFile => Location.IsFile;

    /// <summary>Gets the source header for a canonical field, or <see langword="null"/> when unmapped.</summary>
    /// <param name="canonical">The canonical field name.</param>
    public string? Column(string canonical) => Columns.TryGetValue(canonical, out var header) ? header : null;

    /// <summary>Every header accepted for a canonical field, in order (empty when the field is unmapped).</summary>
    /// <param name="canonical">The canonical field name.</param>
    public IReadOnlyList<string> AcceptedHeaders(string canonical) =>
        ColumnAliases.TryGetValue(canonical, out var aliases) ? aliases
        : Columns.TryGetValue(canonical, out var header) ? [header]
        : [];

    /// <summary>This source with its month tokens resolved for the month of <paramref name="month"/>.</summary>
    internal SourceDefinition ForMonth(DateOnly month)
    {
        if (!IsTemplated)
        {
            return this;
        }

        var location = LocationTemplate is null
            ? Location
            : IsFile ? new Uri(MonthTemplate.Resolve(LocationTemplate, month)) : new Uri(MonthTemplate.Resolve(LocationTemplate, month), UriKind.Absolute);
        return this with
        {
            Location = location,
            LocationTemplate = null,
            Member = Member is null ? null : MonthTemplate.Resolve(Member, month),
        };
    }
}
