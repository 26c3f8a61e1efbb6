namespace Inequalities.Sources.Catalogue;

/// <summary>
/// The entries of <c>allowed_hosts</c>: exact host names (<c>ago-item-storage.s3.amazonaws.com</c>) and suffix
/// patterns (<c>*.arcgis.com</c>: any subdomain of arcgis.com, at any depth, but not arcgis.com itself and never
/// <c>evilarcgis.com</c>). Host names compare without regard to case.
/// </summary>
public static class HostPatterns
{
    /// <summary>Whether <paramref name="host"/> is one of <paramref name="allowed"/> or matches one of its patterns.</summary>
    /// <param name="host">The host name (IDN form, as <see cref="Uri.IdnHost"/> gives it).</param>
    /// <param name="allowed">Exact host names and <c>*.suffix</c> patterns.</param>
    public static bool IsAllowed(string host, IEnumerable<string> allowed)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(allowed);
        foreach (var entry in allowed)
        {
            if (Matches(entry, host))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether one entry (a host or a <c>*.suffix</c> pattern) admits <paramref name="host"/>.</summary>
    /// <param name="entry">A host name or pattern.</param>
    /// <param name="host">The host name.</param>
    public static bool Matches(string entry, string host)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(host);
        if (entry.StartsWith("*.", StringComparison.Ordinal))
        {
            var suffix = entry[1..];
            return host.Length > suffix.Length && host.EndsWith(suffix, StringComparison.OrdinalIgnoreCase);
        }

        return string.Equals(entry, host, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Why an <c>allowed_hosts</c> entry is refused, or <see langword="null"/> when it is a host name or a safe pattern.</summary>
    /// <param name="entry">The entry as written.</param>
    public static string? Problem(string entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Contains("://", StringComparison.Ordinal))
        {
            return $"'{entry}' must be a host name without a scheme (e.g. www.arcgis.com)";
        }

        if (entry.Contains('/', StringComparison.Ordinal))
        {
            return $"'{entry}' must be a host name without a path";
        }

        if (entry.Contains('*', StringComparison.Ordinal))
        {
            if (entry is "*" or "*.")
            {
                return $"'{entry}' would allow every host; name the hosts, or use a suffix pattern such as *.arcgis.com";
            }

            if (!entry.StartsWith("*.", StringComparison.Ordinal) || entry.IndexOf('*', 1) >= 0)
            {
                return $"'{entry}': '*' is allowed only as the whole first label of a pattern (e.g. *.arcgis.com)";
            }

            var suffix = entry[2..];
            if (suffix.Split('.').Length < 2 || Uri.CheckHostName(suffix) != UriHostNameType.Dns)
            {
                return $"'{entry}' is too broad: a pattern needs a domain of at least two labels after '*.' (e.g. *.arcgis.com)";
            }

            return null;
        }

        return Uri.CheckHostName(entry) == UriHostNameType.Unknown ? $"'{entry}' is not a host name" : null;
    }
}
