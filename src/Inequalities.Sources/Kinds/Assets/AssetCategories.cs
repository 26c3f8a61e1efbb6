using System.Collections.Frozen;
using System.Globalization;

namespace Inequalities.Sources.Parsing;

/// <summary>
/// The lake's categories of community business (<c>assets.category</c>), and the documented mapping from what the
/// registers record: Co-operatives UK's sector, the ESSGLOBAL economic activity and organisational structure Digital
/// Commons converts them to, the legal form, and the UK SIC 2007 division (Co-operatives UK, Companies House). The
/// table is in docs/data-sources.md ("Categories"); the rules apply in order and the first that matches wins.
/// </summary>
public static class AssetCategories
{
    /// <summary><c>housing</c>: housing co-operatives, tenant-managed and community-led housing.</summary>
    public const string Housing = "housing";

    /// <summary><c>finance_and_credit_unions</c>: credit unions, mutual finance and insurance.</summary>
    public const string Finance = "finance_and_credit_unions";

    /// <summary><c>community_and_clubs</c>: membership associations, social clubs, community and trade unions.</summary>
    public const string Community = "community_and_clubs";

    /// <summary><c>sport</c>: sports and recreation clubs and supporters' trusts.</summary>
    public const string Sport = "sport";

    /// <summary><c>care</c>: health and social care.</summary>
    public const string Care = "care";

    /// <summary><c>retail</c>: shops, consumer co-operatives, wholesale and retail trade.</summary>
    public const string Retail = "retail";

    /// <summary><c>agriculture</c>: farming, growing, forestry and fishing.</summary>
    public const string Agriculture = "agriculture";

    /// <summary><c>education</c>: schools (co-operative trusts), training and education.</summary>
    public const string Education = "education";

    /// <summary><c>arts_and_culture</c>: arts, culture, heritage and libraries.</summary>
    public const string Arts = "arts_and_culture";

    /// <summary><c>energy_and_environment</c>: community energy, water, waste and the environment.</summary>
    public const string Energy = "energy_and_environment";

    /// <summary><c>food_and_hospitality</c>: community pubs, cafés, food service and accommodation.</summary>
    public const string Hospitality = "food_and_hospitality";

    /// <summary><c>other</c>: every other activity a register records (professional services, media, manufacturing, transport, ...).</summary>
    public const string Other = "other";

    /// <summary>Every category of the mapping with its label, in display order.</summary>
    public static IReadOnlyList<(string Category, string Label)> All { get; } =
    [
        (Housing, "Housing"),
        (Finance, "Finance and credit unions"),
        (Community, "Community and clubs"),
        (Sport, "Sport and recreation"),
        (Care, "Health and social care"),
        (Retail, "Retail"),
        (Agriculture, "Agriculture and growing"),
        (Education, "Education"),
        (Arts, "Arts and culture"),
        (Energy, "Energy and environment"),
        (Hospitality, "Pubs, food and hospitality"),
        (Other, "Other"),
    ];

    /// <summary>Co-operatives UK's sector (<c>Sector</c>, <c>Sector - Simplified, High Level</c>) to category.</summary>
    public static IReadOnlyDictionary<string, string> Sectors { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["Housing"] = Housing,
        ["Finance"] = Finance,
        ["Membership associations, social clubs and trade unions"] = Community,
        ["Sports and Recreation"] = Sport,
        ["Health and Social Care"] = Care,
        ["Retail"] = Retail,
        ["Agriculture"] = Agriculture,
        ["Education"] = Education,
        ["Arts and Culture"] = Arts,
        ["Energy and Environment"] = Energy,
        ["Food service, Accommodation and Pubs"] = Hospitality,
        ["Professional and Legal services"] = Other,
        ["Digital, Media and Communication"] = Other,
        ["Manufacturing"] = Other,
        ["Transport"] = Other,
        ["Other"] = Other,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>ESSGLOBAL economic activities (<c>activities-ica/ICA140</c>) that name one category; the others (ICA270 education, health and social work; ICA280 other services; ...) do not.</summary>
    public static IReadOnlyDictionary<string, string> Activities { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["ICA10"] = Agriculture,
        ["ICA20"] = Agriculture,
        ["ICA30"] = Agriculture,
        ["ICA40"] = Agriculture,
        ["ICA50"] = Agriculture,
        ["ICA140"] = Finance,
        ["ICA150"] = Finance,
        ["ICA160"] = Education,
        ["ICA170"] = Care,
        ["ICA180"] = Community,
        ["ICA190"] = Care,
        ["ICA200"] = Care,
        ["ICA210"] = Housing,
        ["ICA230"] = Energy,
        ["ICA240"] = Retail,
        ["ICA260"] = Retail,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>ESSGLOBAL organisational structures that name a category (<c>OS70</c> housing co-operative).</summary>
    public static IReadOnlyDictionary<string, string> Structures { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["OS70"] = Housing,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>UK SIC 2007 divisions (two digits) that name a category.</summary>
    public static IReadOnlyDictionary<int, string> SicDivisions { get; } = new Dictionary<int, string>
    {
        [1] = Agriculture, [2] = Agriculture, [3] = Agriculture,
        [35] = Energy, [36] = Energy, [37] = Energy, [38] = Energy, [39] = Energy,
        [47] = Retail,
        [55] = Hospitality, [56] = Hospitality,
        [64] = Finance, [65] = Finance, [66] = Finance,
        [68] = Housing,
        [85] = Education,
        [86] = Care, [87] = Care, [88] = Care,
        [90] = Arts, [91] = Arts,
        [93] = Sport,
        [94] = Community,
    }.ToFrozenDictionary();

    /// <summary>The label of a category (its snake_case words capitalised when it is not one of <see cref="All"/>).</summary>
    /// <param name="category">The category.</param>
    public static string Label(string category)
    {
        ArgumentNullException.ThrowIfNull(category);
        foreach (var (c, label) in All)
        {
            if (c == category)
            {
                return label;
            }
        }

        var words = category.Replace('_', ' ');
        return words.Length == 0 ? words : char.ToUpperInvariant(words[0]) + words[1..];
    }

    /// <summary>
    /// The category of an organisation from what its register records, or null when nothing matches (the register's
    /// own <c>category</c> option, else <see cref="Other"/>, then applies). Rules, first match wins: (1) a name or legal
    /// form containing "credit union"; (2) the Co-operatives UK sector; (3) the ESSGLOBAL economic activity;
    /// (4) the ESSGLOBAL organisational structure; (5) the SIC 2007 division of the SIC code, or of a 4- or 5-digit SIC
    /// code opening the activity text (Companies House's <c>88990 - Other social work activities n.e.c.</c>).
    /// </summary>
    /// <param name="name">The organisation's name.</param>
    /// <param name="legalForm">Its legal form, or null.</param>
    /// <param name="sector">Its sector or activity text, or null.</param>
    /// <param name="activityCode">Its ESSGLOBAL economic activity (a URI or the code), or null.</param>
    /// <param name="structure">Its ESSGLOBAL organisational structure (a URI or the code), or null.</param>
    /// <param name="sicCode">Its SIC 2007 code (<c>94990</c>, <c>UKSIC07-4711</c>), or null.</param>
    public static string? Classify(string name, string? legalForm, string? sector, string? activityCode, string? structure, string? sicCode)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Contains("credit union", StringComparison.OrdinalIgnoreCase) || legalForm?.Contains("credit union", StringComparison.OrdinalIgnoreCase) == true)
        {
            return Finance;
        }

        if (sector is { Length: > 0 } && Sectors.TryGetValue(sector.Trim(), out var bySector))
        {
            return bySector;
        }

        if (LastSegment(activityCode) is { } activity && Activities.TryGetValue(activity, out var byActivity))
        {
            return byActivity;
        }

        if (LastSegment(structure) is { } form && Structures.TryGetValue(form, out var byStructure))
        {
            return byStructure;
        }

        var division = SicDivision(sicCode) ?? (SicDivision(sector) is { } d2 && LeadingDigits(sector!) >= 4 ? d2 : null);
        return division is { } d && SicDivisions.TryGetValue(d, out var bySic) ? bySic : null;
    }

    /// <summary>The SIC 2007 division (the first two digits) of a code such as <c>94990</c>, <c>UKSIC07-4711</c> or <c>88990 - Other social work</c>; null when the text does not start with one.</summary>
    /// <param name="text">The code or text.</param>
    public static int? SicDivision(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var span = text.AsSpan().Trim();
        if (span.StartsWith("UKSIC07-", StringComparison.OrdinalIgnoreCase))
        {
            span = span[8..];
        }

        var digits = 0;
        while (digits < span.Length && char.IsAsciiDigit(span[digits]))
        {
            digits++;
        }

        // A SIC code has 2 to 5 digits (divisions 01 to 99); a longer number is something else.
        return digits is >= 2 and <= 5 ? int.Parse(span[..2], NumberStyles.None, CultureInfo.InvariantCulture) : null;
    }

    private static int LeadingDigits(string text)
    {
        var span = text.AsSpan().Trim();
        var digits = 0;
        while (digits < span.Length && char.IsAsciiDigit(span[digits]))
        {
            digits++;
        }

        // A code in running text stands alone: "88990 - Other social work", not "1000 members".
        return digits < span.Length && span[digits] is not (' ' or '-') ? 0 : digits;
    }

    private static string? LastSegment(string? uri)
    {
        if (string.IsNullOrWhiteSpace(uri))
        {
            return null;
        }

        var text = uri.Trim().TrimEnd('/');
        var slash = text.LastIndexOf('/');
        return slash >= 0 ? text[(slash + 1)..] : text;
    }
}
