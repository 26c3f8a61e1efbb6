using System.Net.Http.Headers;
using Inequalities.Sources.Catalogue;

namespace Inequalities.Sources.Fetch;

/// <summary>
/// Which redirects a download may follow (checked on the publisher's URL, before any mirror rewrites it), and how long
/// a <c>Retry-After</c> asks us to wait.
/// </summary>
internal static class RedirectPolicy
{
    /// <summary>Returns why a redirect from <paramref name="from"/> to <paramref name="to"/> is refused, or <see langword="null"/>.</summary>
    public static string? Check(Uri from, Uri to, IReadOnlySet<string> allowedHosts)
    {
        if (to.Scheme != Uri.UriSchemeHttps && to.Scheme != Uri.UriSchemeHttp)
        {
            return $"redirect to '{to}' uses the scheme '{to.Scheme}'; only https is followed";
        }

        if (!HostPatterns.IsAllowed(to.IdnHost, allowedHosts))
        {
            return $"redirect to host '{to.IdnHost}' which is not in the catalogue (allowed_hosts)";
        }

        if (to.Scheme == Uri.UriSchemeHttp && !MirrorRule.IsLoopback(to))
        {
            return from.Scheme == Uri.UriSchemeHttps
                ? $"redirect from https to plain http ('{to}') is refused"
                : $"redirect to plain http ('{to}') is refused; only https is followed";
        }

        return null;
    }

    /// <summary>The wait a <c>Retry-After</c> header asks for (delta seconds or an HTTP date), never negative.</summary>
    public static TimeSpan? RetryAfter(RetryConditionHeaderValue? header, DateTimeOffset now)
    {
        if (header is null)
        {
            return null;
        }

        if (header.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header.Date is { } date)
        {
            var wait = date - now;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }
}
