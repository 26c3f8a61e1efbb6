using System.CommandLine;
using Inequalities.Worker.Commands;
using Inequalities.Worker.Run;
using Microsoft.Extensions.Logging;

namespace Inequalities.Worker;

/// <summary>The <c>inequalities</c> command line.</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        MallocArenas.Limit(); // before any thread allocates natively
        using var loggerFactory = LoggerFactory.Create(builder => builder
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace)
            .AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ssK ";
                o.UseUtcTimestamp = true;
            })
            .SetMinimumLevel(LogLevel.Information));
        // SIGTERM/Ctrl-C cancel the verb's token; give it time to stop cleanly (the worker's host shuts down in 15 s).
        var invocation = new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(20) };
        return await InvokeAsync(args, TimeProvider.System, loggerFactory, invocation).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs one command line. A command line that does not parse (an unknown option, a bad value) prints the errors
    /// and exits with <see cref="ExitCodes.InvalidInput"/> (2), so a monitor calling <c>status</c> never reads a typo as
    /// "not fresh" (1).
    /// </summary>
    internal static async Task<int> InvokeAsync(string[] args, TimeProvider timeProvider, ILoggerFactory loggerFactory, InvocationConfiguration? invocation = null)
    {
        var parsed = BuildRootCommand(timeProvider, loggerFactory).Parse(args);
        var code = await parsed.InvokeAsync(invocation ?? new InvocationConfiguration()).ConfigureAwait(false);
        return parsed.Errors.Count > 0 ? ExitCodes.InvalidInput : code;
    }

    internal static RootCommand BuildRootCommand(TimeProvider timeProvider, ILoggerFactory loggerFactory)
    {
        var root = new RootCommand("Inequalities: the LSOA open-data lake and health-inequalities measures for the Liverpool City Region and England.");
        root.Subcommands.Add(RefreshCommand.Create(timeProvider, loggerFactory));
        root.Subcommands.Add(SiiCommand.Create());
        root.Subcommands.Add(ExportCommand.Create());
        root.Subcommands.Add(RunCommand.Create(timeProvider, loggerFactory));
        root.Subcommands.Add(PlotCommand.Create());
        root.Subcommands.Add(BriefCommand.Create());
        root.Subcommands.Add(StatusCommand.Create(timeProvider));
        root.Subcommands.Add(CatalogueCommand.Create());
        return root;
    }
}
