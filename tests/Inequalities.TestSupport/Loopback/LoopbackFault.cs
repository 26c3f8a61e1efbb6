namespace Inequalities.TestSupport.Loopback;

/// <summary>What a <see cref="LoopbackServer"/> does instead of (or to) a normal response for one request.</summary>
public sealed class LoopbackFault
{
    private LoopbackFault(LoopbackFaultKind kind) => Kind = kind;

    /// <summary>The kind of fault.</summary>
    public LoopbackFaultKind Kind { get; }

    /// <summary>The status code for <see cref="LoopbackFaultKind.Status"/> and <see cref="LoopbackFaultKind.Redirect"/>.</summary>
    public int StatusCode { get; private init; }

    /// <summary>The Retry-After header value to send, if any.</summary>
    public string? RetryAfter { get; private init; }

    /// <summary>How many body bytes are sent before stalling or cutting off.</summary>
    public int BytesBefore { get; private init; }

    /// <summary>How long a stall lasts.</summary>
    public TimeSpan Wait { get; private init; }

    /// <summary>The Content-Type sent (wrong content type, HTML page, alternate body).</summary>
    public string? ContentType { get; private init; }

    /// <summary>The redirect target.</summary>
    public string? Location { get; private init; }

    /// <summary>An alternate body.</summary>
    public byte[]? Body { get; private init; }

    /// <summary>Answers with a bare status code (e.g. 500, 503, 404, 408), optionally with Retry-After.</summary>
    public static LoopbackFault Status(int statusCode, string? retryAfter = null) =>
        new(LoopbackFaultKind.Status) { StatusCode = statusCode, RetryAfter = retryAfter };

    /// <summary>Answers 429 Too Many Requests with the given Retry-After (delta seconds or an HTTP date).</summary>
    public static LoopbackFault TooManyRequests(string retryAfter) => Status(429, retryAfter);

    /// <summary>Sends the headers (full Content-Length) and <paramref name="bytesBefore"/> body bytes, then waits.</summary>
    public static LoopbackFault Stall(int bytesBefore, TimeSpan wait) =>
        new(LoopbackFaultKind.Stall) { BytesBefore = bytesBefore, Wait = wait };

    /// <summary>Sends the headers (full Content-Length) and <paramref name="bytesBefore"/> body bytes, then aborts the connection.</summary>
    public static LoopbackFault CutOff(int bytesBefore) => new(LoopbackFaultKind.CutOff) { BytesBefore = bytesBefore };

    /// <summary>Serves the normal body with another Content-Type.</summary>
    public static LoopbackFault WrongContentType(string contentType) =>
        new(LoopbackFaultKind.ContentType) { ContentType = contentType };

    /// <summary>Answers 200 with an HTML error page (as publishers' portals do) with the given Content-Type.</summary>
    public static LoopbackFault HtmlPage(string contentType = "text/html; charset=utf-8") =>
        new(LoopbackFaultKind.Body)
        {
            ContentType = contentType,
            Body = "\uFEFF\n  <!DOCTYPE html>\n<html><head><title>Service unavailable</title></head><body><h1>Sorry</h1></body></html>\n"u8.ToArray(),
        };

    /// <summary>Answers 200 with a one-off body.</summary>
    public static LoopbackFault Respond(byte[] body, string contentType) =>
        new(LoopbackFaultKind.Body) { Body = body, ContentType = contentType };

    /// <summary>Redirects to an absolute or relative location.</summary>
    public static LoopbackFault Redirect(string location, int statusCode = 302) =>
        new(LoopbackFaultKind.Redirect) { Location = location, StatusCode = statusCode };

    /// <summary>Waits before sending anything (not even the headers), then answers normally.</summary>
    public static LoopbackFault DelayHeaders(TimeSpan wait) => new(LoopbackFaultKind.DelayHeaders) { Wait = wait };

    /// <summary>Serves the normal body without a Content-Length (chunked), so only counting can find its size.</summary>
    public static LoopbackFault Chunked() => new(LoopbackFaultKind.Chunked);
}

/// <summary>The kinds of <see cref="LoopbackFault"/>.</summary>
public enum LoopbackFaultKind
{
    /// <summary>A bare status code.</summary>
    Status,

    /// <summary>Part of the body, then a pause.</summary>
    Stall,

    /// <summary>Part of the body, then the connection is aborted.</summary>
    CutOff,

    /// <summary>The normal body with another Content-Type.</summary>
    ContentType,

    /// <summary>Another body.</summary>
    Body,

    /// <summary>A redirect.</summary>
    Redirect,

    /// <summary>The normal body, chunked (no Content-Length).</summary>
    Chunked,

    /// <summary>A pause before the headers.</summary>
    DelayHeaders,
}
