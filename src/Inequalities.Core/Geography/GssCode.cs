namespace Inequalities.Core.Geography;

/// <summary>
/// ONS Government Statistical Service (GSS) codes: a country letter, a two-digit entity and six digits, e.g.
/// <c>E01006512</c> (an LSOA), <c>E08000012</c> (Liverpool), <c>E47000004</c> (Liverpool City Region).
/// </summary>
public static class GssCode
{
    /// <summary>Whether the text is a well-formed GSS code (9 characters: E, W, S, N or K, then 8 digits).</summary>
    /// <param name="code">The text to check.</param>
    public static bool IsWellFormed(ReadOnlySpan<char> code)
    {
        if (code.Length != 9 || code[0] is not ('E' or 'W' or 'S' or 'N' or 'K'))
        {
            return false;
        }

        foreach (var c in code[1..])
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The entity prefix (country letter and two digits, e.g. <c>E01</c>), or empty when not well formed.</summary>
    /// <param name="code">The code.</param>
    public static ReadOnlySpan<char> Entity(ReadOnlySpan<char> code) => IsWellFormed(code) ? code[..3] : default;

    /// <summary>The area type a code's entity denotes, or <see langword="null"/> for entities the lake does not use.</summary>
    /// <param name="code">The code.</param>
    public static AreaType? TypeOf(ReadOnlySpan<char> code)
    {
        var entity = Entity(code);
        if (entity.IsEmpty)
        {
            return null;
        }

        return entity switch
        {
            "E01" or "W01" => AreaType.Lsoa,
            "E02" or "W02" => AreaType.Msoa,
            "E05" or "W05" => AreaType.Ward,
            "E06" or "E07" or "E08" or "E09" or "W06" => AreaType.Lad,
            "E10" or "E11" => AreaType.County,
            "E47" => AreaType.CombinedAuthority,
            "E12" => AreaType.Region,
            "E92" or "W92" or "K04" => AreaType.Country,
            "E38" => AreaType.SubIcbLocation,
            "E54" => AreaType.Icb,
            _ => null,
        };
    }
}

/// <summary>Area types used in the lake (the <c>area_type</c> column).</summary>
public enum AreaType
{
    /// <summary>Lower layer super output area.</summary>
    Lsoa,

    /// <summary>Middle layer super output area.</summary>
    Msoa,

    /// <summary>Electoral ward.</summary>
    Ward,

    /// <summary>Local authority district (lower tier, including unitary, metropolitan and London boroughs).</summary>
    Lad,

    /// <summary>County or metropolitan county.</summary>
    County,

    /// <summary>Combined authority.</summary>
    CombinedAuthority,

    /// <summary>Region.</summary>
    Region,

    /// <summary>Country.</summary>
    Country,

    /// <summary>NHS sub-ICB location.</summary>
    SubIcbLocation,

    /// <summary>NHS integrated care board.</summary>
    Icb,
}
