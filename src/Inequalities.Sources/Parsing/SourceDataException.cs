namespace Inequalities.Sources.Parsing;

/// <summary>
/// A source file's content is not what its catalogue entry promises: a missing header (schema drift), an empty file,
/// an unparsable number, a malformed or unknown area code, a duplicate key, rows for the wrong vintage. The message
/// names the source, the row and column where there is one, and what was expected.
/// </summary>
public sealed class SourceDataException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="sourceId">The catalogue id of the source.</param>
    /// <param name="row">The 1-based data row (header excluded), when the problem is in one row.</param>
    /// <param name="column">The canonical column (and header), when the problem is in one column.</param>
    /// <param name="problem">What is wrong and what was expected.</param>
    public SourceDataException(string sourceId, long? row, string? column, string problem)
        : base(Format(sourceId, row, column, problem))
    {
        SourceId = sourceId;
        Row = row;
        Column = column;
        Problem = problem;
    }

    /// <summary>Creates the exception.</summary>
    public SourceDataException()
        : this("unknown", null, null, "invalid data")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public SourceDataException(string message)
        : base(message)
    {
        SourceId = "unknown";
        Problem = message;
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public SourceDataException(string message, Exception innerException)
        : base(message, innerException)
    {
        SourceId = "unknown";
        Problem = message;
    }

    /// <summary>The catalogue id of the source.</summary>
    public string SourceId { get; }

    /// <summary>The 1-based data row (header excluded), when known.</summary>
    public long? Row { get; }

    /// <summary>The column, when known.</summary>
    public string? Column { get; }

    /// <summary>What is wrong and what was expected.</summary>
    public string Problem { get; }

    private static string Format(string sourceId, long? row, string? column, string problem)
    {
        var where = $"source '{sourceId}'";
        if (row is { } r)
        {
            where += $" row {r}";
        }

        if (column is not null)
        {
            where += $" column {column}";
        }

        return $"{where}: {problem}";
    }
}
