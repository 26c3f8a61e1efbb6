namespace Inequalities.Sources.Fetch;

/// <summary>Download progress of one source, reported now and then while the body streams.</summary>
/// <param name="SourceId">The source id.</param>
/// <param name="BytesReceived">Bytes received so far in the current attempt.</param>
/// <param name="TotalBytes">The Content-Length, when the publisher sent one.</param>
public sealed record FetchProgress(string SourceId, long BytesReceived, long? TotalBytes);
