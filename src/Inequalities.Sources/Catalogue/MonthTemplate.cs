using System.Globalization;
using System.Text;

namespace Inequalities.Sources.Catalogue;

/// <summary>
/// <c>{month:FORMAT}</c> tokens in a source's <c>url</c> and <c>member</c> (e.g. <c>{month:yyyy-MM}</c>): replaced by
/// the first day of a month written with a .NET date format of year (<c>yyyy</c>, <c>yy</c>), month (<c>M</c> to
/// <c>MMMM</c>, English names), day (<c>d</c>, <c>dd</c>: always the 1st) and the separators <c>- _ . /</c> and space.
/// </summary>
public static class MonthTemplate
{
    private const string Separators = "-_./ ";

    /// <summary>Whether the text holds at least one <c>{...}</c> token.</summary>
    /// <param name="text">A url or member as written in the catalogue.</param>
    public static bool HasTokens(string? text) => text is not null && text.Contains('{', StringComparison.Ordinal);

    /// <summary>Replaces every <c>{month:FORMAT}</c> token with the first day of <paramref name="month"/>'s month.</summary>
    /// <param name="text">The template (checked with <see cref="Problems"/>).</param>
    /// <param name="month">Any day of the month to write.</param>
    /// <returns>The text with its tokens resolved (unchanged when it has none).</returns>
    /// <exception cref="FormatException">The template has an invalid token.</exception>
    public static string Resolve(string text, DateOnly month)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!HasTokens(text) && !text.Contains('}', StringComparison.Ordinal))
        {
            return text;
        }

        var first = new DateTime(month.Year, month.Month, 1, 0, 0, 0, DateTimeKind.Unspecified);
        var result = new StringBuilder(text.Length + 8);
        foreach (var part in Parts(text))
        {
            if (part.Token is null)
            {
                result.Append(part.Literal);
                continue;
            }

            if (TokenProblem(part.Token) is { } problem)
            {
                throw new FormatException(problem);
            }

            // A one-letter format would be a standard date pattern ("M" is "November 1"); '%' makes it a custom one.
            var format = part.Token["month:".Length..];
            result.Append(first.ToString(format.Length == 1 ? "%" + format : format, CultureInfo.InvariantCulture));
        }

        return result.ToString();
    }

    /// <summary>Every problem with the tokens of a template (empty when it is valid or has no tokens).</summary>
    /// <param name="text">A url or member as written in the catalogue.</param>
    public static IReadOnlyList<string> Problems(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var problems = new List<string>();
        foreach (var part in Parts(text))
        {
            if (part.Error is not null)
            {
                problems.Add(part.Error);
            }
            else if (part.Token is not null && TokenProblem(part.Token) is { } problem)
            {
                problems.Add(problem);
            }
        }

        return problems;
    }

    /// <summary>The first day of the month <paramref name="monthsBack"/> months before the clock's UTC date.</summary>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="monthsBack">0 for the current month, 1 for the one before, and so on.</param>
    public static DateOnly MonthOf(TimeProvider timeProvider, int monthsBack = 0)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        var now = timeProvider.GetUtcNow().UtcDateTime;
        return new DateOnly(now.Year, now.Month, 1).AddMonths(-monthsBack);
    }

    private static string? TokenProblem(string token)
    {
        if (!token.StartsWith("month:", StringComparison.Ordinal))
        {
            return $"'{{{token}}}' is not a known token (expected {{month:FORMAT}}, e.g. {{month:yyyy-MM}})";
        }

        var format = token["month:".Length..];
        if (format.Length == 0 || !IsMonthFormat(format))
        {
            return $"'{{{token}}}' has the format '{format}'; a month format uses yyyy or yy, M to MMMM, d or dd and the separators - _ . / and space (e.g. {{month:yyyy-MM}})";
        }

        return null;
    }

    private static bool IsMonthFormat(string format)
    {
        var hasMonthOrYear = false;
        for (var i = 0; i < format.Length;)
        {
            var c = format[i];
            var run = 1;
            while (i + run < format.Length && format[i + run] == c)
            {
                run++;
            }

            var ok = c switch
            {
                'y' => run is 2 or 4,
                'M' => run is >= 1 and <= 4,
                'd' => run is 1 or 2,
                _ => Separators.Contains(c, StringComparison.Ordinal),
            };
            if (!ok)
            {
                return false;
            }

            hasMonthOrYear |= c is 'y' or 'M';
            i += run;
        }

        return hasMonthOrYear;
    }

    private static List<Part> Parts(string text)
    {
        var parts = new List<Part>();
        var at = 0;
        while (at < text.Length)
        {
            var open = text.IndexOf('{', at);
            var close = text.IndexOf('}', at);
            if (close >= 0 && (open < 0 || close < open))
            {
                parts.Add(new Part(text[at..(close + 1)], null, "has a '}' without a matching '{'"));
                at = close + 1;
                continue;
            }

            if (open < 0)
            {
                parts.Add(new Part(text[at..], null, null));
                break;
            }

            parts.Add(new Part(text[at..open], null, null));
            var end = text.IndexOf('}', open + 1);
            var nested = text.IndexOf('{', open + 1);
            if (end < 0 || (nested >= 0 && nested < end))
            {
                parts.Add(new Part(text[open..], null, "has a '{' without a matching '}'"));
                break;
            }

            parts.Add(new Part(string.Empty, text[(open + 1)..end], null));
            at = end + 1;
        }

        return parts;
    }

    private readonly record struct Part(string Literal, string? Token, string? Error);
}
