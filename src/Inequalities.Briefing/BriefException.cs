namespace Inequalities.Briefing;

/// <summary>Why a briefing could not be made.</summary>
public enum BriefProblem
{
    /// <summary>The lake folder holds no published snapshot.</summary>
    NoLake,

    /// <summary>No neighbourhood of the lake lies in the area code.</summary>
    UnknownArea,

    /// <summary>The lake has no gradient row with a value for the area.</summary>
    NoGradients,

    /// <summary>No Chromium or Chrome executable was found for the PDF.</summary>
    NoBrowser,

    /// <summary>The browser did not print the PDF.</summary>
    PdfFailed,

    /// <summary>The output path is not an .html or .pdf file.</summary>
    BadOutput,
}

/// <summary>A briefing that could not be made, with a message that says what is missing and what to do.</summary>
public sealed class BriefException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="problem">What went wrong.</param>
    /// <param name="message">The message.</param>
    /// <param name="inner">The underlying exception, if any.</param>
    public BriefException(BriefProblem problem, string message, Exception? inner = null)
        : base(message, inner)
    {
        Problem = problem;
    }

    /// <summary>Creates the exception (for serialisers; prefer the other constructor).</summary>
    public BriefException()
        : this(BriefProblem.NoLake, "The briefing could not be made.")
    {
    }

    /// <summary>Creates the exception (for serialisers; prefer the other constructor).</summary>
    /// <param name="message">The message.</param>
    public BriefException(string message)
        : this(BriefProblem.NoLake, message)
    {
    }

    /// <summary>Creates the exception (for serialisers; prefer the other constructor).</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The underlying exception.</param>
    public BriefException(string message, Exception innerException)
        : this(BriefProblem.NoLake, message, innerException)
    {
    }

    /// <summary>What went wrong.</summary>
    public BriefProblem Problem { get; }
}
