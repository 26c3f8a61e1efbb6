namespace Inequalities.TestSupport.Publishers;

internal sealed partial class StandInFiles
{
    private static byte[] BuildOnspd() => throw new NotSupportedException("pending");
}
