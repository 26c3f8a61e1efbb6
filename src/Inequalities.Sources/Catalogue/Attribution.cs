namespace Inequalities.Sources.Catalogue;

/// <summary>The attribution statement a source's licence asks users to show.</summary>
public static class Attribution
{
    /// <summary>The Open Government Licence v3.0 attribution sentence, for public sector information.</summary>
    public const string OpenGovernmentLicence = "Contains public sector information licensed under the Open Government Licence v3.0.";

    /// <summary>
    /// The statement to show for a source: its catalogue <c>attribution:</c> when given; otherwise the OGL sentence
    /// (<see cref="OpenGovernmentLicence"/>) for a licence that starts with <c>OGL</c>; otherwise null (the
    /// publisher's own terms say what to show, and the catalogue should give it).
    /// </summary>
    /// <param name="source">The catalogue entry.</param>
    public static string? For(SourceDefinition source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return !string.IsNullOrWhiteSpace(source.Attribution) ? source.Attribution
            : source.Licence.StartsWith("OGL", StringComparison.OrdinalIgnoreCase) ? OpenGovernmentLicence
            : null;
    }
}
