namespace Inequalities.Sources.Parsing;

/// <summary>A register row that could not be used, with the reason; the rest of the register is kept.</summary>
/// <param name="SourceId">The source id.</param>
/// <param name="Row">The 1-based data row (header excluded).</param>
/// <param name="Reason">What is wrong (names the column and what was expected).</param>
public sealed record RejectedRow(string SourceId, long Row, string Reason)
{
    /// <summary>The row as one line: <c>source 'x' row 12: reason</c>.</summary>
    public override string ToString() => $"source '{SourceId}' row {Row}: {Reason}";
}
