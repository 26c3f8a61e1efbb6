namespace Inequalities.Lake;

/// <summary>The columns of <c>areas</c> (<see cref="TableNames.Areas"/>), in the order they are written.</summary>
public static class AreasColumns
{
    /// <summary><c>lsoa_code</c> (String): the LSOA (GSS code).</summary>
    public const string LsoaCode = "lsoa_code";

    /// <summary><c>lsoa_name</c> (String): the LSOA's name.</summary>
    public const string LsoaName = "lsoa_name";

    /// <summary><c>lsoa_vintage</c> (Int32): the LSOA vintage, 2011 or 2021.</summary>
    public const string LsoaVintage = "lsoa_vintage";

    /// <summary><c>msoa_code</c> (String): its MSOA of the same vintage, where a lookup gives it.</summary>
    public const string MsoaCode = "msoa_code";

    /// <summary><c>lad_code</c> (String): the local authority district (GSS code).</summary>
    public const string LadCode = "lad_code";

    /// <summary><c>lad_name</c> (String): the district's name.</summary>
    public const string LadName = "lad_name";

    /// <summary><c>cauth_code</c> (String): the combined authority (E47000004 for the Liverpool City Region).</summary>
    public const string CauthCode = "cauth_code";

    /// <summary><c>region_code</c> (String): the region.</summary>
    public const string RegionCode = "region_code";

    /// <summary><c>population</c> (Float64): the population of the newest population source of that vintage.</summary>
    public const string Population = "population";

    /// <summary><c>population_year</c> (Int32): the year of that population.</summary>
    public const string PopulationYear = "population_year";

    /// <summary><c>lad_vintage</c> (Int32): the vintage of <c>lad_code</c> (e.g. 2024).</summary>
    public const string LadVintage = "lad_vintage";

    /// <summary><c>lad_code_previous</c> (String): the district in the next older vintage the LSOA lookups give.</summary>
    public const string LadCodePrevious = "lad_code_previous";

    /// <summary><c>lad_name_previous</c> (String): that district's name.</summary>
    public const string LadNamePrevious = "lad_name_previous";

    /// <summary><c>lad_vintage_previous</c> (Int32): the vintage of <c>lad_code_previous</c>.</summary>
    public const string LadVintagePrevious = "lad_vintage_previous";

    /// <summary><c>ward_code</c> (String): its electoral ward (of the ward lookup's vintage), where a lookup gives it.</summary>
    public const string WardCode = "ward_code";

    /// <summary><c>ward_name</c> (String): the ward's name.</summary>
    public const string WardName = "ward_name";

    /// <summary>Every column, in the order they are written.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        LsoaCode,
        LsoaName,
        LsoaVintage,
        MsoaCode,
        LadCode,
        LadName,
        CauthCode,
        RegionCode,
        Population,
        PopulationYear,
        LadVintage,
        LadCodePrevious,
        LadNamePrevious,
        LadVintagePrevious,
        WardCode,
        WardName,
    ];
}

/// <summary>The columns of <c>deprivation</c> (<see cref="TableNames.Deprivation"/>), in the order they are written.</summary>
public static class DeprivationColumns
{
    /// <summary><c>index_id</c> (String): the index: <c>iod2019</c>, <c>iod2025</c>, or another such as <c>cni2023</c>.</summary>
    public const string IndexId = "index_id";

    /// <summary><c>domain</c> (String): the domain: <c>imd</c>, <c>income</c>, <c>employment</c>, ... or the index's own.</summary>
    public const string Domain = "domain";

    /// <summary><c>lsoa_code</c> (String): the LSOA (GSS code).</summary>
    public const string LsoaCode = "lsoa_code";

    /// <summary><c>lsoa_vintage</c> (Int32): the LSOA vintage, 2011 or 2021.</summary>
    public const string LsoaVintage = "lsoa_vintage";

    /// <summary><c>score</c> (Float64): the domain score, where the published file has scores.</summary>
    public const string Score = "score";

    /// <summary><c>rank</c> (Int32): the rank, 1 = most deprived.</summary>
    public const string Rank = "rank";

    /// <summary><c>decile</c> (Int32): the decile, 1 = most deprived 10%.</summary>
    public const string Decile = "decile";

    /// <summary>Every column, in the order they are written.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        IndexId,
        Domain,
        LsoaCode,
        LsoaVintage,
        Score,
        Rank,
        Decile,
    ];
}

/// <summary>The columns of <c>indicators</c> (<see cref="TableNames.Indicators"/>), in the order they are written.</summary>
public static class IndicatorsColumns
{
    /// <summary><c>source_id</c> (String): the catalogue entry the row comes from.</summary>
    public const string SourceId = "source_id";

    /// <summary><c>indicator_id</c> (String): the indicator id (Fingertips' id, or a snake_case id of the published label).</summary>
    public const string IndicatorId = "indicator_id";

    /// <summary><c>indicator_name</c> (String): the indicator's published name.</summary>
    public const string IndicatorName = "indicator_name";

    /// <summary><c>period</c> (String): the period, as published (e.g. <c>2021</c>, <c>2018 - 20</c>).</summary>
    public const string Period = "period";

    /// <summary><c>sex</c> (String): the sex, as published (null when the source has none).</summary>
    public const string Sex = "sex";

    /// <summary><c>age</c> (String): the age band, as published (null when the source has none).</summary>
    public const string Age = "age";

    /// <summary><c>area_code</c> (String): the area (GSS code).</summary>
    public const string AreaCode = "area_code";

    /// <summary><c>area_type</c> (String): the area's type (<c>lsoa</c>, <c>lad</c>, <c>combined_authority</c>, <c>region</c>, <c>country</c> ...).</summary>
    public const string AreaType = "area_type";

    /// <summary><c>value</c> (Float64): the value.</summary>
    public const string Value = "value";

    /// <summary><c>lower_ci</c> (Float64): the lower 95% confidence limit.</summary>
    public const string LowerCi = "lower_ci";

    /// <summary><c>upper_ci</c> (Float64): the upper 95% confidence limit.</summary>
    public const string UpperCi = "upper_ci";

    /// <summary><c>count</c> (Float64): the numerator, where published.</summary>
    public const string Count = "count";

    /// <summary><c>denominator</c> (Float64): the denominator, where published.</summary>
    public const string Denominator = "denominator";

    /// <summary>Every column, in the order they are written.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        SourceId,
        IndicatorId,
        IndicatorName,
        Period,
        Sex,
        Age,
        AreaCode,
        AreaType,
        Value,
        LowerCi,
        UpperCi,
        Count,
        Denominator,
    ];
}

/// <summary>The columns of <c>lsoa_indicators</c> (<see cref="TableNames.LsoaIndicators"/>), in the order they are written.</summary>
public static class LsoaIndicatorsColumns
{
    /// <summary><c>lsoa_code</c> (String): the LSOA (GSS code).</summary>
    public const string LsoaCode = "lsoa_code";

    /// <summary><c>lsoa_vintage</c> (Int32): the LSOA vintage, 2011 or 2021.</summary>
    public const string LsoaVintage = "lsoa_vintage";

    /// <summary><c>source_id</c> (String): the catalogue entry the row comes from.</summary>
    public const string SourceId = "source_id";

    /// <summary><c>indicator_id</c> (String): the indicator id (Fingertips' id, or a snake_case id of the published label).</summary>
    public const string IndicatorId = "indicator_id";

    /// <summary><c>period</c> (String): the period, as published (e.g. <c>2021</c>, <c>2018 - 20</c>).</summary>
    public const string Period = "period";

    /// <summary><c>value</c> (Float64): the value.</summary>
    public const string Value = "value";

    /// <summary><c>inherited_from</c> (String): for values published for a larger area: its area type; null for LSOA values.</summary>
    public const string InheritedFrom = "inherited_from";

    /// <summary><c>method</c> (String): <c>direct</c>, <c>split</c>, <c>merged</c>, <c>complex</c> or <c>inherited</c>.</summary>
    public const string Method = "method";

    /// <summary>Every column, in the order they are written.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        LsoaCode,
        LsoaVintage,
        SourceId,
        IndicatorId,
        Period,
        Value,
        InheritedFrom,
        Method,
    ];
}

/// <summary>The columns of <c>lad_deprivation_summaries</c> (<see cref="TableNames.LadDeprivationSummaries"/>), in the order they are written.</summary>
public static class LadDeprivationSummariesColumns
{
    /// <summary><c>index_id</c> (String): the index: <c>iod2019</c>, <c>iod2025</c>, or another such as <c>cni2023</c>.</summary>
    public const string IndexId = "index_id";

    /// <summary><c>domain</c> (String): the domain: <c>imd</c>, <c>income</c>, <c>employment</c>, ... or the index's own.</summary>
    public const string Domain = "domain";

    /// <summary><c>lad_code</c> (String): the local authority district (GSS code).</summary>
    public const string LadCode = "lad_code";

    /// <summary><c>lad_name</c> (String): the district's name.</summary>
    public const string LadName = "lad_name";

    /// <summary><c>average_rank</c> (Float64): the population-weighted mean of the reversed ranks (higher = more deprived).</summary>
    public const string AverageRank = "average_rank";

    /// <summary><c>rank_of_average_rank</c> (Int32): the district's rank by <c>average_rank</c>, 1 = most deprived.</summary>
    public const string RankOfAverageRank = "rank_of_average_rank";

    /// <summary><c>average_score</c> (Float64): the population-weighted mean of the scores.</summary>
    public const string AverageScore = "average_score";

    /// <summary><c>rank_of_average_score</c> (Int32): the district's rank by <c>average_score</c>, 1 = most deprived.</summary>
    public const string RankOfAverageScore = "rank_of_average_score";

    /// <summary><c>proportion_most_deprived_10pc</c> (Float64): the share of LSOAs in the national most deprived decile.</summary>
    public const string ProportionMostDeprived10pc = "proportion_most_deprived_10pc";

    /// <summary><c>rank_of_proportion_most_deprived_10pc</c> (Int32): the district's rank by <c>proportion_most_deprived_10pc</c>, 1 = most deprived.</summary>
    public const string RankOfProportionMostDeprived10pc = "rank_of_proportion_most_deprived_10pc";

    /// <summary><c>extent</c> (Float64): the population-weighted share of people in the most deprived LSOAs.</summary>
    public const string Extent = "extent";

    /// <summary><c>rank_of_extent</c> (Int32): the district's rank by <c>extent</c>, 1 = most deprived.</summary>
    public const string RankOfExtent = "rank_of_extent";

    /// <summary><c>local_concentration</c> (Float64): the mean reversed rank of the most deprived LSOAs holding 10% of the people.</summary>
    public const string LocalConcentration = "local_concentration";

    /// <summary><c>rank_of_local_concentration</c> (Int32): the district's rank by <c>local_concentration</c>, 1 = most deprived.</summary>
    public const string RankOfLocalConcentration = "rank_of_local_concentration";

    /// <summary><c>lsoa_count</c> (Int32): the district's LSOAs.</summary>
    public const string LsoaCount = "lsoa_count";

    /// <summary><c>population</c> (Float64): the district's population (the index's own denominator for the domain).</summary>
    public const string Population = "population";

    /// <summary><c>population_source</c> (String): where the population weights come from.</summary>
    public const string PopulationSource = "population_source";

    /// <summary>Every column, in the order they are written.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        IndexId,
        Domain,
        LadCode,
        LadName,
        AverageRank,
        RankOfAverageRank,
        AverageScore,
        RankOfAverageScore,
        ProportionMostDeprived10pc,
        RankOfProportionMostDeprived10pc,
        Extent,
        RankOfExtent,
        LocalConcentration,
        RankOfLocalConcentration,
        LsoaCount,
        Population,
        PopulationSource,
    ];
}
