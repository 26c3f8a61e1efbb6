using System.IO.Compression;

namespace Inequalities.Sources.Catalogue;

/// <summary>
/// A zip source's <c>member</c>: one member's path, or a pattern whose last segment holds <c>*</c> (any run of
/// characters other than <c>/</c>), such as <c>Data/CSV/*.csv</c> for OS Code-Point Open's one CSV per postcode area.
/// A pattern reads every matching member in name order, as one table.
/// </summary>
internal static class ZipMembers
{
    /// <summary>Whether a member is a pattern (its last segment holds <c>*</c>).</summary>
    public static bool IsPattern(string member) => member.Replace('\\', '/').Split('/')[^1].Contains('*', StringComparison.Ordinal);

    /// <summary>Whether the wildcards of a member stay in its last segment (a folder cannot be a pattern).</summary>
    public static bool IsValidPattern(string member)
    {
        var parts = member.Replace('\\', '/').Split('/');
        return parts[..^1].All(p => !p.Contains('*', StringComparison.Ordinal));
    }

    /// <summary>Whether a member's full name matches a member or pattern (exact, in ordinal case).</summary>
    public static bool Matches(string fullName, string member)
    {
        var name = fullName.Replace('\\', '/');
        var wanted = member.Replace('\\', '/');
        if (!IsPattern(wanted))
        {
            return string.Equals(name, wanted, StringComparison.Ordinal);
        }

        var slash = wanted.LastIndexOf('/');
        var folder = wanted[..(slash + 1)];
        if (!name.StartsWith(folder, StringComparison.Ordinal) || name.IndexOf('/', folder.Length) >= 0 || name.Length == folder.Length)
        {
            return false;
        }

        return Glob(name.AsSpan(folder.Length), wanted.AsSpan(slash + 1));
    }

    /// <summary>The archive's members matching a member or pattern, in ordinal name order.</summary>
    public static List<ZipArchiveEntry> Matching(ZipArchive archive, string member) =>
        [.. archive.Entries.Where(e => Matches(e.FullName, member)).OrderBy(e => e.FullName, StringComparer.Ordinal)];

    /// <summary>One member's name for a pattern in a file written by the sample mirror (each <c>*</c> becomes <paramref name="fill"/>).</summary>
    public static string Example(string member, string fill) => member.Replace("*", fill, StringComparison.Ordinal);

    private static bool Glob(ReadOnlySpan<char> text, ReadOnlySpan<char> pattern)
    {
        var star = pattern.IndexOf('*');
        if (star < 0)
        {
            return text.SequenceEqual(pattern);
        }

        if (!text.StartsWith(pattern[..star]))
        {
            return false;
        }

        var rest = pattern[(star + 1)..];
        for (var i = star; i <= text.Length; i++)
        {
            if (Glob(text[i..], rest))
            {
                return true;
            }
        }

        return false;
    }
}
