using System.Net;

namespace Inequalities.Sources.Catalogue;

/// <summary>
/// One mirror: a request whose URL starts with <see cref="Prefix"/> is sent to <see cref="Url"/> followed by the
/// rest of the URL instead (the catalogue's <c>mirrors:</c> section, or <c>--mirror PREFIX=URL</c>). The allow-list,
/// redirect checks and provenance stay on the publisher's URL; the mirror only changes where the bytes come from.
/// </summary>
public sealed record MirrorRule
{
    private MirrorRule(string prefix, string url)
    {
        Prefix = prefix;
        Url = url;
    }

    /// <summary>The publisher URL prefix, absolute http(s), ending with '/'.</summary>
    public string Prefix { get; }

    /// <summary>Where such requests go instead: absolute, https (or http on a loopback address), ending with '/'.</summary>
    public string Url { get; }

    /// <summary>Creates a rule after checking both parts.</summary>
    /// <param name="prefix">The publisher URL prefix.</param>
    /// <param name="url">The mirror URL.</param>
    /// <exception cref="ArgumentException">A part is invalid; the message names every problem.</exception>
    public static MirrorRule Create(string prefix, string url)
    {
        var problems = Problems(prefix, url);
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems));
        }

        return new MirrorRule(new Uri(prefix).AbsoluteUri, new Uri(url).AbsoluteUri);
    }

    /// <summary>Every problem with a prefix and mirror URL (empty when both are valid).</summary>
    /// <param name="prefix">The publisher URL prefix.</param>
    /// <param name="url">The mirror URL.</param>
    public static IReadOnlyList<string> Problems(string? prefix, string? url)
    {
        var problems = new List<string>();
        if (!IsHttpBase(prefix, out _))
        {
            problems.Add($"the prefix '{prefix}' must be an absolute http or https URL ending with '/' (e.g. https://services1.arcgis.com/)");
        }

        if (!IsHttpBase(url, out var target))
        {
            problems.Add($"the mirror URL '{url}' must be an absolute http or https URL ending with '/'");
        }
        else if (target!.Scheme == Uri.UriSchemeHttp && !IsLoopback(target))
        {
            problems.Add($"the mirror URL '{url}' must use https (plain http only for a loopback address such as 127.0.0.1)");
        }

        return problems;
    }

    /// <summary>
    /// The URL a request for <paramref name="publisherUrl"/> is sent to: through the rule with the longest matching
    /// prefix, or unchanged (with a null rule) when none matches.
    /// </summary>
    /// <param name="mirrors">The rules.</param>
    /// <param name="publisherUrl">The publisher's URL.</param>
    public static (Uri Target, MirrorRule? Rule) Rewrite(IReadOnlyList<MirrorRule> mirrors, Uri publisherUrl)
    {
        ArgumentNullException.ThrowIfNull(mirrors);
        ArgumentNullException.ThrowIfNull(publisherUrl);
        if (mirrors.Count == 0 || publisherUrl.IsFile)
        {
            return (publisherUrl, null);
        }

        var text = publisherUrl.AbsoluteUri;
        MirrorRule? best = null;
        foreach (var rule in mirrors)
        {
            if (text.StartsWith(rule.Prefix, StringComparison.Ordinal) && (best is null || rule.Prefix.Length > best.Prefix.Length))
            {
                best = rule;
            }
        }

        return best is null ? (publisherUrl, null) : (new Uri(best.Url + text[best.Prefix.Length..]), best);
    }

    /// <summary>
    /// The publisher URL an absolute URL in mirror space stands for (the rule with the longest matching mirror URL),
    /// or <paramref name="url"/> itself when it is not under any mirror. A mirror that rewrites its redirects into its
    /// own space is read back this way, so the allow-list is checked on the publisher's host.
    /// </summary>
    /// <param name="mirrors">The rules.</param>
    /// <param name="url">An absolute URL, perhaps on a mirror.</param>
    public static Uri Unmirror(IReadOnlyList<MirrorRule> mirrors, Uri url)
    {
        ArgumentNullException.ThrowIfNull(mirrors);
        ArgumentNullException.ThrowIfNull(url);
        var text = url.AbsoluteUri;
        MirrorRule? best = null;
        foreach (var rule in mirrors)
        {
            if (text.StartsWith(rule.Url, StringComparison.Ordinal) && (best is null || rule.Url.Length > best.Url.Length))
            {
                best = rule;
            }
        }

        return best is null ? url : new Uri(best.Prefix + text[best.Url.Length..]);
    }

    /// <summary>Adds <paramref name="overrides"/> to <paramref name="rules"/>, replacing rules with the same prefix.</summary>
    /// <param name="rules">The existing rules.</param>
    /// <param name="overrides">The rules that win.</param>
    public static IReadOnlyList<MirrorRule> Merge(IEnumerable<MirrorRule> rules, IEnumerable<MirrorRule> overrides)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(overrides);
        var merged = new List<MirrorRule>(rules);
        foreach (var rule in overrides)
        {
            merged.RemoveAll(r => r.Prefix == rule.Prefix);
            merged.Add(rule);
        }

        return merged;
    }

    /// <summary>Whether an http(s) URI points at this machine (127.0.0.0/8, ::1 or localhost).</summary>
    /// <param name="uri">The URI.</param>
    public static bool IsLoopback(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
    }

    private static bool IsHttpBase(string? text, out Uri? uri)
    {
        uri = null;
        if (string.IsNullOrWhiteSpace(text) || !Uri.TryCreate(text, UriKind.Absolute, out var parsed) ||
            (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps) || string.IsNullOrEmpty(parsed.Host) ||
            !text.EndsWith('/') || parsed.Query.Length > 0 || parsed.Fragment.Length > 0)
        {
            return false;
        }

        uri = parsed;
        return true;
    }
}
