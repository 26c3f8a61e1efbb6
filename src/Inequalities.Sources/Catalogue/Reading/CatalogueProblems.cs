namespace Inequalities.Sources.Catalogue.Reading;

/// <summary>
/// The one list every section reader of a catalogue reports into, so a load reports every problem at once. Each
/// problem names the file, the line, the entry id and the field: <c>data-sources.yml:12: source 'x' field 'y': ...</c>.
/// </summary>
internal sealed class CatalogueProblems(string displayPath)
{
    private readonly List<string> _problems = [];

    /// <summary>The catalogue as named in messages.</summary>
    public string DisplayPath => displayPath;

    /// <summary>How many problems have been reported.</summary>
    public int Count => _problems.Count;

    /// <summary>Reports a problem.</summary>
    /// <param name="line">The 1-based line.</param>
    /// <param name="id">The source entry, when the problem is in one.</param>
    /// <param name="field">The field (dotted for nested ones, e.g. <c>options.header_row</c>).</param>
    /// <param name="message">What is wrong and what was expected.</param>
    public void Add(int line, string? id, string? field, string message)
    {
        var where = (id, field) switch
        {
            (null, null) => string.Empty,
            (null, _) => $"field '{field}': ",
            (_, null) => $"source '{id}': ",
            _ => $"source '{id}' field '{field}': ",
        };
        _problems.Add($"{displayPath}:{line}: {where}{message}");
    }

    /// <summary>Whether a problem has been reported for a source's field.</summary>
    public bool Has(string? id, string field) =>
        _problems.Exists(p => p.Contains($"source '{id}' field '{field}':", StringComparison.Ordinal));

    /// <summary>Throws the exception listing every problem, when there is one.</summary>
    /// <exception cref="CatalogueException">At least one problem was reported.</exception>
    public void ThrowIfAny()
    {
        if (_problems.Count > 0)
        {
            throw new CatalogueException(displayPath, _problems);
        }
    }
}
