using Inequalities.Sources.Kinds;

namespace Inequalities.Sources.Catalogue;

/// <summary>
/// The canonical field names a <c>columns:</c> map may use for each <see cref="SourceKind"/>, and the ones it must: each
/// kind's <see cref="ISourceKind.Fields"/> (see <see cref="SourceKinds"/>). Parsers read a source only through these
/// names, so a publisher renaming a header is one line of YAML.
/// </summary>
public static class CanonicalFields
{
    /// <summary>The deprivation domains the lake knows by name (other indices may add their own).</summary>
    public static IReadOnlyList<string> Domains { get; } =
        ["imd", "income", "employment", "education", "health", "crime", "barriers", "living_environment", "idaci", "idaopi"];

    /// <summary>Whether <paramref name="field"/> is a canonical name for <paramref name="kind"/>.</summary>
    /// <param name="kind">The source kind.</param>
    /// <param name="field">The canonical field name.</param>
    public static bool IsKnown(SourceKind kind, string field) => SourceKinds.For(kind).Fields.IsKnown(field);

    /// <summary>Checks a columns map against its kind (by name), reporting every problem through <paramref name="report"/>.</summary>
    internal static void Validate(string kind, IReadOnlyDictionary<string, string> columns, Action<string, string> report) =>
        SourceKinds.For(kind).Fields.Validate(kind, columns, report);
}
