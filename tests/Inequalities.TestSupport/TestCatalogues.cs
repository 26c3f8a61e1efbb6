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
        var catalogue = SourceCatalogue.Parse(RealYaml + SampleGradients, SharedData.RepoRoot, "data-sources.yml");
        return catalogue.WithLocations(SampleMirror.Generate(catalogue, mirrorDirectory, timeProvider: clock));
    }
}
