using Inequalities.Core.Inequality;

namespace Inequalities.Core.Tests.Inequality;

/// <summary>Change in SII between two periods or bases (issue 14, item 6), by hand.</summary>
public sealed class InequalityChangeTests
{
    [Fact]
    public void Between_HandWorked_IndependentSampleDifference()
    {
        // From SII −20 (95% CI −30 to −10) to −25 (−29 to −21).
        // se_from = 20 / (2 · 1.959964) = 5.1021346; se_to = 8 / (2 · 1.959964) = 2.0408539.
        // Change = −25 − (−20) = −5; se = sqrt(5.1021346² + 2.0408539²) = sqrt(26.031777 + 4.165084) = 5.4951670;
        // interval −5 ∓ 1.959964 · 5.4951670 = −15.770330 to 5.770330 (includes 0: no clear change).
        var seFrom = InequalityChange.StandardErrorOf(-30, -10);
        var seTo = InequalityChange.StandardErrorOf(-29, -21);
        var change = InequalityChange.Between(-20, seFrom, -25, seTo);

        Assert.Equal(5.1021346, seFrom, 6);
        Assert.Equal(2.0408539, seTo, 6);
        Assert.Equal(-5, change.Change, 12);
        Assert.Equal(5.4951670, change.StandardError, 6);
        Assert.Equal(-15.770330, change.Lower, 5);
        Assert.Equal(5.770330, change.Upper, 5);
    }
}
