using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Kinds;

namespace Inequalities.Sources.Parsing;

/// <summary>
/// Postcodes: their normal form, and a postcode directory (a postcodes-kind source: the ONS Postcode Directory, or OS
/// Code-Point Open) read for the postcodes asked for (see the postcodes kind).
/// </summary>
public static class PostcodeParser
{
    /// <summary>
    /// The postcode in upper case without spaces (<c>l1 0aa</c> and <c>L10AA</c> give <c>L10AA</c>), or null when it
    /// does not have the shape of a UK postcode (outward code of 2 to 4 characters, inward code digit-letter-letter).
    /// </summary>
    /// <param name="postcode">The postcode as written.</param>
    public static string? Normalise(string? postcode)
    {
        Span<char> buffer = stackalloc char[16];
        var length = Normalise(postcode, buffer);
        return length == 0 ? null : new string(buffer[..length]);
    }

    /// <summary>Parses the directory, keeping only <paramref name="wanted"/> postcodes (normalised), or all when null.</summary>
    /// <param name="source">The catalogue entry (kind postcodes).</param>
    /// <param name="path">The local copy.</param>
    /// <param name="wanted">Normalised postcodes to keep; null keeps every row.</param>
    public static PostcodeDirectory Parse(SourceDefinition source, string path, IReadOnlySet<string>? wanted)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Kind != SourceKind.Postcodes)
        {
            throw new ArgumentException($"Source '{source.Id}' is of kind {source.Kind}, not postcodes.", nameof(source));
        }

        return PostcodesKind.Read(source, path, wanted);
    }

    /// <summary>
    /// Writes the normal form of <paramref name="postcode"/> into <paramref name="buffer"/> (16 characters) and
    /// returns its length, or 0 when it does not have the shape of a UK postcode (A9 9AA, A99 9AA, AA9 9AA, AA99 9AA,
    /// A9A 9AA, AA9A 9AA). Nothing is allocated.
    /// </summary>
    internal static int Normalise(ReadOnlySpan<char> postcode, Span<char> buffer)
    {
        var n = 0;
        foreach (var ch in postcode)
        {
            if (char.IsWhiteSpace(ch))
            {
                continue;
            }

            if (n == buffer.Length)
            {
                return 0;
            }

            buffer[n++] = char.ToUpperInvariant(ch);
        }

        return HasShape(buffer[..n]) ? n : 0;
    }

    /// <summary>^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$</summary>
    private static bool HasShape(ReadOnlySpan<char> s)
    {
        if (s.Length is < 5 or > 7 || !char.IsAsciiLetterUpper(s[^1]) || !char.IsAsciiLetterUpper(s[^2]) || !char.IsAsciiDigit(s[^3]))
        {
            return false;
        }

        var outward = s[..^3];
        var letters = char.IsAsciiLetterUpper(outward[0]) ? (outward.Length > 1 && char.IsAsciiLetterUpper(outward[1]) ? 2 : 1) : 0;
        if (letters == 0 || outward.Length <= letters || !char.IsAsciiDigit(outward[letters]))
        {
            return false;
        }

        var rest = outward[(letters + 1)..];
        return rest.IsEmpty || (rest.Length == 1 && char.IsAsciiLetterOrDigit(rest[0]) && !char.IsAsciiLetterLower(rest[0]));
    }
}
