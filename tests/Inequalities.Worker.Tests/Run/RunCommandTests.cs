using System.Text.RegularExpressions;
using Inequalities.Lake.Operations;
using Inequalities.Lake.Snapshots;
using Inequalities.Sources.Fetch;
using Inequalities.TestSupport;
using Inequalities.TestSupport.Loopback;
using Inequalities.Worker.Run;
using Microsoft.Extensions.Logging.Abstractions;

namespace Inequalities.Worker.Tests.Run;

public sealed partial class RunCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private RunCommand.RunArguments Args(string config, string? schedule = null, string? zone = null) =>
        new(new FileInfo(config), new DirectoryInfo(_temp.Combine("lake")), schedule, zone, Sample: false, TimeSpan.Zero);

    [Fact]
    public async Task RunAsync_InvalidSchedule_ExitsTwo()
    {
        var code = await RunCommand.RunAsync(Args(WorkerFixture.RepoCatalogue, "every night"), TimeProvider.System, NullLoggerFactory.Instance, CancellationToken.None);

        Assert.Equal(ExitCodes.InvalidInput, code);
    }

    [Fact]
    public async Task RunAsync_MissingConfig_ExitsTwo()
    {
        var code = await RunCommand.RunAsync(Args(_temp.Combine("nope.yml")), TimeProvider.System, NullLoggerFactory.Instance, CancellationToken.None);

        Assert.Equal(ExitCodes.InvalidInput, code);
    }

    [Fact]
    public async Task RunAsync_SecondWorkerOnTheSameLake_ExitsThree()
    {
        var (held, _) = WorkerLock.TryAcquire(new LakeLayout(_temp.Combine("lake")), TimeProvider.System);
        using (held)
        {
            Assert.NotNull(held);
            var code = await RunCommand.RunAsync(Args(WorkerFixture.RepoCatalogue), TimeProvider.System, NullLoggerFactory.Instance, CancellationToken.None);
            Assert.Equal(ExitCodes.LakeBusy, code);
        }
    }

    // The issue's done-when: `run --schedule "*/20 * * * * *" --config <loopback config>` refreshes on schedule,
    // reports unchanged sources as unchanged, and SIGTERM ends it within seconds with exit 0. A 2-second schedule
    // keeps the test short; the 20-second form is the same code path (see RefreshScheduleTests).
    [Fact]
    public async Task Run_LoopbackConfigSecondsSchedule_RefreshesReportsUnchangedAndStopsOnSigterm()
    {
        await using var server = await LoopbackServer.StartAsync(_temp.Combine("site", "mirror"));
        var (config, _, _) = WorkerFixture.WriteMirrorCatalogue(_temp.Combine("site"), server.BaseAddress);
        var lake = _temp.Combine("lake");

        using var worker = WorkerFixture.StartWorker("run", "--config", config, "--lake", lake, "--schedule", "*/2 * * * * *");
        try
        {
            await WorkerFixture.WaitForAsync(
                () => UnchangedRun().IsMatch(WorkerFixture.OutputOf(worker)) || worker.HasExited,
                TimeSpan.FromSeconds(40),
                () => "a published run then an unchanged run; output so far:\n" + WorkerFixture.OutputOf(worker));
            Assert.False(worker.HasExited, WorkerFixture.OutputOf(worker));

            var stopping = System.Diagnostics.Stopwatch.StartNew();
            WorkerFixture.Terminate(worker);
            Assert.True(await Task.Run(() => worker.WaitForExit(TimeSpan.FromSeconds(10))), "the worker should stop within 10 s of SIGTERM");
            Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(10));
            await worker.WaitForExitAsync(); // also waits for the redirected output to be read to the end
            Assert.Equal(0, worker.ExitCode);
        }
        finally
        {
            if (!worker.HasExited)
            {
                worker.Kill();
            }
        }

        var output = WorkerFixture.OutputOf(worker);
        Assert.Matches("Run outcome: published snapshot", output);
        Assert.Matches(@"Source iod2019-file7: unchanged, \d+ bytes, \d+ rows", output);
        Assert.Contains("Worker stopped", output, StringComparison.Ordinal);
        var status = LakeStatus.TryRead(new LakeLayout(lake))!;
        Assert.Equal("stopped", status.State);
        Assert.Equal("unchanged", status.LastRun!.Outcome);
        Assert.NotNull(status.LastSuccess);
        Assert.All(status.Sources, s => Assert.Equal(SourceStatus.Unchanged, s.Status));
        await WorkerFixture.AssertCurrentCompleteAsync(lake);
        Assert.True(server.NotModifiedCount("/iod2019-file7.csv") >= 1);
    }

    [GeneratedRegex("Run outcome: unchanged")]
    private static partial Regex UnchangedRun();
}
