using System.Diagnostics;
using Inequalities.Lake.Refresh;
using Inequalities.Lake.Snapshots;
using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Fetch;
using Inequalities.TestSupport;
using Inequalities.TestSupport.Loopback;
using Inequalities.Worker.Commands;
using Inequalities.Worker.Tests.Run;
using Microsoft.Extensions.Logging.Abstractions;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Inequalities.Worker.Tests.Operations;

/// <summary>The meter and activity source share one name across every test in the process, so these tests run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "telemetry (not in parallel)";
}

/// <summary>
/// The refresh's metrics and spans, seen through OpenTelemetry's in-memory exporter, the way an OTLP collector would
/// see them: a sample refresh, then a refresh over loopback HTTP with a retried and a failed source.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class TelemetryTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly List<Metric> _metrics = [];
    private readonly List<Activity> _spans = [];
    private readonly MeterProvider _meters;
    private readonly TracerProvider _tracer;

    public TelemetryTests()
    {
        _meters = Sdk.CreateMeterProviderBuilder().AddInequalitiesMetrics().AddInMemoryExporter(_metrics).Build()!;
        _tracer = Sdk.CreateTracerProviderBuilder().AddInequalitiesTraces().AddInMemoryExporter(_spans).Build()!;
    }

    public void Dispose()
    {
        _meters.Dispose();
        _tracer.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public async Task SampleRefresh_ExportsRefreshSourceFetchAndSnapshotAgeMetricsAndSpans()
    {
        var lake = _temp.Combine("lake");
        var catalogue = TestCatalogues.WriteRealWithoutBriefs(_temp.Combine("catalogue"));
        var args = new RefreshCommand.RefreshArguments(new FileInfo(catalogue), new DirectoryInfo(lake), null, Sample: true, Offline: false, TimeSpan.Zero);

        var code = await RefreshCommand.RunAsync(args, TimeProvider.System, NullLoggerFactory.Instance, CancellationToken.None);
        _meters.ForceFlush();
        _tracer.ForceFlush();

        Assert.Equal(0, code);
        var manifest = LakeSnapshot.OpenCurrent(lake).Manifest;
        Assert.Equal(1, Sum("inequalities.refreshes", ("outcome", "published")));
        var duration = Points("inequalities.refresh.duration").Single(p => Tag(p, "outcome") == "published");
        Assert.Equal(1, duration.GetHistogramCount());
        Assert.InRange(duration.GetHistogramSum(), 0.001, 600);
        Assert.Equal("s", _metrics.First(m => m.Name == "inequalities.refresh.duration").Unit);

        // Rows and bytes per source equal the manifest's.
        var rows = Points("inequalities.source.rows").ToDictionary(p => Tag(p, "source_id")!, p => p.GetGaugeLastValueLong());
        var bytes = Points("inequalities.source.bytes").ToDictionary(p => Tag(p, "source_id")!, p => p.GetGaugeLastValueLong());
        Assert.NotEmpty(manifest.Sources);
        foreach (var source in manifest.Sources)
        {
            Assert.Equal(source.Rows, rows.TryGetValue(source.Id, out var r) ? r : null);
            Assert.Equal(source.Bytes, bytes[source.Id]);
        }

        // One attempt per local sample file, no retries or failures.
        foreach (var source in manifest.Sources)
        {
            Assert.Equal(1, Sum("inequalities.fetch.attempts", ("source_id", source.Id), ("host", "file")));
        }

        Assert.Equal(0, Sum("inequalities.fetch.retries"));
        Assert.Equal(0, Sum("inequalities.fetch.failures"));

        var age = Points("inequalities.snapshot.age").Single(p => Tag(p, "lake") == Path.GetFullPath(lake));
        Assert.InRange(age.GetGaugeLastValueDouble(), 0, 600);

        // One root span per refresh, a fetch and a parse span per source under it.
        var refresh = _spans.Single(s => s.OperationName == "refresh" && (string?)s.GetTagItem("lake") == Path.GetFullPath(lake));
        Assert.Null(refresh.Parent);
        Assert.Equal(("published", manifest.SnapshotId, "file"), ((string?)refresh.GetTagItem("outcome"), (string?)refresh.GetTagItem("snapshot_id"), (string?)refresh.GetTagItem("catalogue")));
        var children = _spans.Where(s => s.ParentSpanId == refresh.SpanId).Select(s => s.OperationName).ToHashSet();
        Assert.All(manifest.Sources, s => Assert.Contains("fetch " + s.Id, children));
        Assert.All(manifest.Sources.Where(s => s.Rows is not null), s => Assert.Contains("parse " + s.Id, children));
    }

    [Fact]
    public async Task LoopbackRefresh_CountsRetriesPerSourceAndHostAndFailures()
    {
        await using var server = await LoopbackServer.StartAsync(_temp.Combine("site", "mirror"));
        var (config, _, _) = WorkerFixture.WriteMirrorCatalogue(_temp.Combine("site"), server.BaseAddress);
        var catalogue = SourceCatalogue.Load(config).Only(["fingertips-suicide", "fingertips-depression"]);
        server.Script("/fingertips-suicide.csv", LoopbackFault.Status(503), LoopbackFault.Status(503));
        server.Always("/fingertips-depression.csv", LoopbackFault.Status(404));
        var options = new FetchOptions { BaseDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(50) };
        using var fetcher = new SourceFetcher(options, TimeProvider.System);
        var runner = new RefreshRunner(new LakeLayout(_temp.Combine("lake")), fetcher, TimeProvider.System);

        var outcome = await runner.RunAsync(catalogue);
        _meters.ForceFlush();

        Assert.False(outcome.Published);
        var host = server.Host;
        Assert.Equal(3, Sum("inequalities.fetch.attempts", ("source_id", "fingertips-suicide"), ("host", host)));
        Assert.Equal(2, Sum("inequalities.fetch.retries", ("source_id", "fingertips-suicide"), ("host", host)));
        Assert.Equal(0, Sum("inequalities.fetch.failures", ("source_id", "fingertips-suicide")));
        Assert.Equal(1, Sum("inequalities.fetch.attempts", ("source_id", "fingertips-depression"), ("host", host)));
        Assert.Equal(1, Sum("inequalities.fetch.failures", ("source_id", "fingertips-depression"), ("host", host)));
        Assert.Equal(1, Sum("inequalities.refreshes", ("outcome", "failed")));
        Assert.Equal(0, Sum("inequalities.refreshes", ("outcome", "published")));
    }

    private IEnumerable<MetricPoint> Points(string name)
    {
        foreach (var metric in _metrics.Where(m => m.Name == name))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                yield return point;
            }
        }
    }

    private long Sum(string name, params (string Key, string Value)[] tags) =>
        Points(name).Where(p => tags.All(t => Tag(p, t.Key) == t.Value)).Sum(p => p.GetSumLong());

    private static string? Tag(MetricPoint point, string key)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == key)
            {
                return tag.Value?.ToString();
            }
        }

        return null;
    }
}

/// <summary>Export is switched on only by the standard OpenTelemetry variables.</summary>
public sealed class TelemetryExportTests
{
    [Theory]
    [InlineData(null, null, null, null, false, false)]
    [InlineData("http://collector:4317", null, null, null, true, true)]
    [InlineData(null, "http://collector:4318/v1/metrics", null, null, true, false)]
    [InlineData(null, null, "http://collector:4318/v1/traces", null, false, true)]
    [InlineData("http://collector:4317", null, null, "true", false, false)]
    [InlineData("  ", null, null, null, false, false)]
    public void FromEnvironment_OtlpEndpointVariables_DecideWhatIsExported(string? endpoint, string? metrics, string? traces, string? disabled, bool exportMetrics, bool exportTraces)
    {
        var variables = new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = endpoint,
            ["OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"] = metrics,
            ["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"] = traces,
            ["OTEL_SDK_DISABLED"] = disabled,
        };

        var settings = TelemetryExport.FromEnvironment(name => variables.GetValueOrDefault(name));

        Assert.Equal((exportMetrics, exportTraces), (settings.Metrics, settings.Traces));
        Assert.Equal(exportMetrics || exportTraces, TelemetryExport.StartOneShot(settings) is { } started && DisposeAndTrue(started));
    }

    private static bool DisposeAndTrue(IDisposable disposable)
    {
        disposable.Dispose();
        return true;
    }
}
