using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Parsing;

namespace Inequalities.Sources.Kinds;

/// <summary>
/// One kind of source (<c>kind:</c> in the catalogue): the canonical fields its <c>columns:</c> map may and must use,
/// and its parser, which reads the file into typed columns (<see cref="ParsedSource"/>). Where its rows land in the lake
/// follows from what it parses into (see <see cref="ParsedSource"/>). Found with <see cref="SourceKinds.For(string)"/>; every
/// kind lives in one folder of <c>src/Inequalities.Sources/Kinds</c> (see <c>docs/adding-a-source-kind.md</c>).
/// </summary>
public interface ISourceKind
{
    /// <summary>
    /// The kind as the catalogue's <c>kind:</c> writes it (<c>deprivation</c>, <c>postcodes</c>...): snake_case, unique
    /// among the registered kinds.
    /// </summary>
    string Name { get; }

    /// <summary>The canonical fields of the kind's <c>columns:</c> map, checked when the catalogue loads.</summary>
    FieldRules Fields { get; }

    /// <summary>
    /// When the kind is parsed: 0 (the default) with every other source, in parallel; 1 after them, in catalogue
    /// order, for a kind that needs what the others hold (the postcode directory keeps only the postcodes the
    /// registers use).
    /// </summary>
    int ParseStage => 0;

    /// <summary>
    /// Whether a refresh may parse this kind's sources after the others, one at a time, letting each go once the lake
    /// has written what it parsed into: true for kinds that parse only into <see cref="IndicatorData"/>, which the lake
    /// turns into its indicator tables source by source (the largest national files are indicators; parsed with the
    /// rest, every one of them stayed in memory until the last table was built). Such a kind is parsed with the others
    /// when something else needs it first (an <c>asset_need</c> component naming an indicator). The default is false.
    /// </summary>
    bool ParsedOneAtATime => false;

    /// <summary>Reads a source's local copy into columns.</summary>
    /// <param name="source">The catalogue entry (of this kind).</param>
    /// <param name="path">The local copy.</param>
    /// <param name="context">The sources parsed in earlier stages, and cancellation.</param>
    /// <exception cref="SourceDataException">The file is not what the entry promises (names the source, row, column and what was expected).</exception>
    ParsedSource Parse(SourceDefinition source, string path, ParseContext context);
}

/// <summary>What a parser may use besides its own file.</summary>
public sealed class ParseContext
{
    /// <summary>A context with nothing parsed before.</summary>
    public static ParseContext None { get; } = new();

    /// <summary>The sources parsed before this one: every source of earlier stages, then those of the same stage before it.</summary>
    public IReadOnlyList<ParsedSource> Earlier { get; init; } = [];

    /// <summary>Stops parsing.</summary>
    public CancellationToken CancellationToken { get; init; }
}
