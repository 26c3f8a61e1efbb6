namespace Inequalities.Sources.Catalogue;

/// <summary>
/// Thrown when <c>data-sources.yml</c> is invalid. Lists every problem found, each naming the file, line, entry id
/// and field, so one run shows the whole list.
/// </summary>
public sealed class CatalogueException : Exception
{
    /// <summary>Creates the exception from the list of problems.</summary>
    /// <param name="path">The catalogue file (as given).</param>
    /// <param name="problems">Every problem found, one line each.</param>
    public CatalogueException(string path, IReadOnlyList<string> problems)
        : base(BuildMessage(path, problems))
    {
        Path = path;
        Problems = problems;
    }

    /// <summary>Creates the exception with a message.</summary>
    public CatalogueException()
        : this("data-sources.yml", [])
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public CatalogueException(string message)
        : base(message)
    {
        Path = string.Empty;
        Problems = [message];
    }

    /// <summary>Creates the exception with a message and inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public CatalogueException(string message, Exception innerException)
        : base(message, innerException)
    {
        Path = string.Empty;
        Problems = [message];
    }

    /// <summary>The catalogue file (as given).</summary>
    public string Path { get; }

    /// <summary>Every problem found, one line each, in file order.</summary>
    public IReadOnlyList<string> Problems { get; }

    private static string BuildMessage(string path, IReadOnlyList<string> problems) =>
        $"{path} has {problems.Count} problem{(problems.Count == 1 ? string.Empty : "s")}:" + Environment.NewLine +
        string.Join(Environment.NewLine, problems.Select(p => "  " + p));
}
