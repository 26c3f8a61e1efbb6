using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Inequalities.Worker.Commands;

/// <summary>Durations on the command line: <c>36h</c>, <c>90m</c>, <c>2d</c>, <c>45s</c>, or a TimeSpan (<c>1.12:00:00</c>).</summary>
internal static class Durations
{
    /// <summary>Parses a positive duration; null when the text is not one.</summary>
    public static TimeSpan? TryParse(string? text)
    {
        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var unit = char.ToLowerInvariant(text[^1]);
        var factor = unit switch
        {
            's' => TimeSpan.FromSeconds(1),
            'm' => TimeSpan.FromMinutes(1),
            'h' => TimeSpan.FromHours(1),
            'd' => TimeSpan.FromDays(1),
            _ => (TimeSpan?)null,
        };
        if (factor is { } f)
        {
            return double.TryParse(text[..^1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n) && n > 0 && n * f.TotalSeconds < TimeSpan.MaxValue.TotalSeconds
                ? TimeSpan.FromSeconds(n * f.TotalSeconds)
                : null;
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero ? span : null;
    }

    /// <summary>An option holding a positive duration; a bad value is a parse error (exit code 2) naming the forms accepted.</summary>
    public static Option<TimeSpan> Option(string name, TimeSpan defaultValue, string description) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : null;
            if (TryParse(text) is { } span)
            {
                return span;
            }

            result.AddError($"{name} '{text}' is not a positive duration: write 36h, 90m, 2d, 45s or a TimeSpan such as 1.12:00:00.");
            return default;
        },
    };
}
