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
        using var loggerFactory = LoggerFactory.Create(builder => builder
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace)
            .AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ssK ";
                o.UseUtcTimestamp = true;
            })
            .SetMinimumLevel(LogLevel.Information));
        var root = BuildRootCommand(TimeProvider.System, loggerFactory);
        // SIGTERM/Ctrl-C cancel the verb's token; give it time to stop cleanly (the worker's host shuts down in 15 s).
        var invocation = new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(20) };
        return await root.Parse(args).InvokeAsync(invocation).ConfigureAwait(false);
    }

    internal static RootCommand BuildRootCommand(TimeProvider timeProvider, ILoggerFactory loggerFactory)
    {
        var root = new RootCommand("Inequalities: the LSOA open-data lake and health-inequalities measures for the Liverpool City Region and England.");
        root.Subcommands.Add(RefreshCommand.Create(timeProvider, loggerFactory));
        root.Subcommands.Add(SiiCommand.Create());
        root.Subcommands.Add(ExportCommand.Create());
        root.Subcommands.Add(RunCommand.Create(timeProvider, loggerFactory));
        root.Subcommands.Add(PlotCommand.Create());
        return root;
    }
}
