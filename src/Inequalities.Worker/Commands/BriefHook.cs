using Inequalities.Briefing;
using Inequalities.Lake.Snapshots;
using Inequalities.Sources.Catalogue;
using Microsoft.Extensions.Logging;

namespace Inequalities.Worker.Commands;

/// <summary>The refresh's briefing hook: the catalogue's <c>briefs:</c> written into each new snapshot before it is published.</summary>
internal static class BriefHook
{
    public static Func<LakeSnapshot, CancellationToken, Task<IReadOnlyList<BriefEntry>>>? For(SourceCatalogue catalogue, ILoggerFactory loggerFactory)
    {
        if (!catalogue.Briefs.Enabled)
        {
            return null;
        }

        var logger = loggerFactory.CreateLogger("Inequalities.Briefing");
        return (snapshot, cancellationToken) => Briefings.WriteIntoSnapshotAsync(snapshot, catalogue.Briefs, logger, cancellationToken);
    }
}
