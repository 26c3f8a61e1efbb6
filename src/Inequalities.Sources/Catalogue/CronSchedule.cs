using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using Cronos;

namespace Inequalities.Sources.Catalogue;

/// <summary>
/// A refresh schedule: a cron expression parsed once, when the catalogue loads (or <c>run --schedule</c> is read),
/// together with the text it was written as. Five fields (minute hour day month weekday) or six (seconds first), as
/// Cronos reads them. Written to JSON, status.json and messages as its <see cref="Expression"/>.
/// </summary>
[JsonConverter(typeof(CronScheduleJsonConverter))]
public sealed record CronSchedule
{
    /// <summary>What a valid schedule is, for messages: "a cron expression of 5 fields ... or 6 (with seconds first)".</summary>
    public const string Expected = "a cron expression of 5 fields (minute hour day month weekday) or 6 (with seconds first)";

    private CronSchedule(string expression, CronExpression cron)
    {
        Expression = expression;
        Cron = cron;
    }

    /// <summary>The expression as written, e.g. <c>0 2 * * *</c>.</summary>
    public string Expression { get; }

    /// <summary>The parsed expression (Cronos), which computes occurrences in a time zone across clock changes.</summary>
    public CronExpression Cron { get; }

    /// <summary>02:00 every night, the catalogue's default schedule.</summary>
    public static CronSchedule Nightly { get; } = Parse("0 2 * * *");

    /// <summary>Parses a cron expression of five fields, or six with seconds first.</summary>
    /// <param name="expression">The expression.</param>
    /// <param name="schedule">The schedule, when the text is one.</param>
    /// <returns>Whether the text is a cron expression.</returns>
    public static bool TryParse(string? expression, [NotNullWhen(true)] out CronSchedule? schedule)
    {
        schedule = null;
        if (string.IsNullOrWhiteSpace(expression))
        {
            return false;
        }

        var text = expression.Trim();
        var fields = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        try
        {
            schedule = new CronSchedule(text, CronExpression.Parse(text, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard));
            return true;
        }
        catch (CronFormatException)
        {
            return false;
        }
    }

    /// <summary>Parses a cron expression of five fields, or six with seconds first.</summary>
    /// <param name="expression">The expression.</param>
    /// <exception cref="FormatException">The text is not a cron expression.</exception>
    public static CronSchedule Parse(string expression) =>
        TryParse(expression, out var schedule) ? schedule : throw new FormatException($"'{expression}' is not {Expected}.");

    /// <summary>The next occurrence strictly after <paramref name="after"/>, read in <paramref name="timeZone"/>; null when it never fires again.</summary>
    /// <param name="after">The instant to search from.</param>
    /// <param name="timeZone">The zone the expression's times are read in.</param>
    public DateTimeOffset? NextAfter(DateTimeOffset after, TimeZoneInfo timeZone) => Cron.GetNextOccurrence(after, timeZone);

    /// <summary>Whether both were written as the same expression.</summary>
    /// <param name="other">The other schedule.</param>
    public bool Equals(CronSchedule? other) => other is not null && string.Equals(Expression, other.Expression, StringComparison.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Expression);

    /// <summary>The expression as written.</summary>
    public override string ToString() => Expression;
}

/// <summary>Writes a <see cref="CronSchedule"/> as its expression and reads it back.</summary>
internal sealed class CronScheduleJsonConverter : JsonConverter<CronSchedule>
{
    public override CronSchedule? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetString() is { } text
            ? CronSchedule.TryParse(text, out var schedule) ? schedule : throw new JsonException($"'{text}' is not {CronSchedule.Expected}.")
            : null;

    public override void Write(Utf8JsonWriter writer, CronSchedule value, JsonSerializerOptions options) => writer.WriteStringValue(value.Expression);
}
