using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Sample;

namespace Inequalities.TestSupport;

/// <summary>The catalogues the chart, briefing and worker tests build their lakes from.</summary>
public static class TestCatalogues
{
    /// <summary>
    /// A <c>gradients:</c> section for the sample catalogue: IoD2019 IMD deciles of the sample's MSOA life expectancy,
    /// inherited by its LSOAs (three periods), so a sample lake has deprivation quantiles and slope indices.
    /// </summary>
    public const string SampleGradients = """

        gradients:
          bases:
            - index: iod2019
          indicators:
            - fingertips-life-expectancy-msoa:93283
          include_inherited: true
          repetitions: 1000

        """;

    /// <summary>The text of the repository's data-sources.yml.</summary>
    public static string RealYaml => File.ReadAllText(Path.Combine(SharedData.RepoRoot, "data-sources.yml"));

    /// <summary>
    /// The repository's data-sources.yml with its <c>gradients:</c> section replaced by <see cref="SampleGradients"/>
    /// (the real section's File 8 indicators would give the sample lake other gradients than the charts and briefings
    /// tests were written for).
    /// </summary>
    public static string RealYamlWithSampleGradients => WithoutSection(RealYaml, "gradients") + SampleGradients;

    /// <summary>
    /// Writes the repository's data-sources.yml into <paramref name="directory"/> as <c>data-sources.yml</c> with
    /// <c>briefs: areas: []</c>, for tests of other things than the briefings: the real catalogue's briefings (eight
    /// areas, HTML and PDF, each PDF a Chromium run) would add seconds to every sample refresh.
    /// </summary>
    /// <param name="directory">The folder to write into (a temporary folder of the test).</param>
    /// <returns>The path of the copy.</returns>
    public static string WriteRealWithoutBriefs(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "data-sources.yml");
        File.WriteAllText(path, WithoutBriefs(RealYaml));
        return path;
    }

    /// <summary>A catalogue's text with its <c>briefs:</c> section replaced by <c>areas: []</c> (no briefing is written).</summary>
    /// <param name="yaml">The catalogue.</param>
    public static string WithoutBriefs(string yaml) => WithoutSection(yaml, "briefs").TrimEnd() + "\n\nbriefs:\n  areas: []\n";

    /// <summary>The text of tests/data-sources.shared.yml with SII repetitions cut to 1,000, to keep tests quick.</summary>
    public static string SharedYaml => File.ReadAllText(Path.Combine(SharedData.RepoRoot, "tests", "data-sources.shared.yml"))
        .Replace("repetitions: 10000", "repetitions: 1000", StringComparison.Ordinal);

    /// <summary>The shared catalogue (<see cref="SharedYaml"/>, plus <paramref name="extra"/> YAML), resolving paths as its own file would.</summary>
    public static SourceCatalogue Shared(string extra = "") =>
        SourceCatalogue.Parse(SharedYaml + extra, Path.Combine(SharedData.RepoRoot, "tests"), "data-sources.shared.yml");

    /// <summary>
    /// The real catalogue with <see cref="SampleGradients"/>, pointed at a sample mirror generated in
    /// <paramref name="mirrorDirectory"/> for the month of <paramref name="clock"/> (the refresh's clock).
    /// </summary>
    public static SourceCatalogue SampleWithGradients(string mirrorDirectory, TimeProvider clock)
    {
        var catalogue = SourceCatalogue.Parse(RealYamlWithSampleGradients, SharedData.RepoRoot, "data-sources.yml");
        return catalogue.WithLocations(SampleMirror.Generate(catalogue, mirrorDirectory, timeProvider: clock));
    }

    /// <summary>A catalogue's text without one top-level section (its key line and every indented or blank line after it).</summary>
    /// <param name="yaml">The catalogue.</param>
    /// <param name="section">The top-level key, e.g. <c>gradients</c>.</param>
    public static string WithoutSection(string yaml, string section)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var start = yaml.IndexOf("\n" + section + ":", StringComparison.Ordinal);
        if (start < 0)
        {
            return yaml;
        }

        var end = start + 1;
        do
        {
            end = yaml.IndexOf('\n', end) is var next and >= 0 ? next + 1 : yaml.Length;
        }
        while (end < yaml.Length && (yaml[end] is ' ' or '\n' or '\r'));

        return yaml[..(start + 1)] + yaml[end..];
    }
}
