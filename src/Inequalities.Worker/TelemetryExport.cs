using Inequalities.Sources.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Inequalities.Worker;

/// <summary>
/// Exports the libraries' metrics and refresh traces over OTLP, and only when the standard OpenTelemetry variables ask
/// for it: <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> turns on both, <c>OTEL_EXPORTER_OTLP_METRICS_ENDPOINT</c> metrics and
/// <c>OTEL_EXPORTER_OTLP_TRACES_ENDPOINT</c> traces; <c>OTEL_SDK_DISABLED=true</c> turns everything off. The exporter
/// reads the other <c>OTEL_*</c> variables itself (protocol, headers, <c>OTEL_SERVICE_NAME</c>, ...). Without them
/// nothing is exported and no OpenTelemetry SDK is started.
/// </summary>
internal static class TelemetryExport
{
    /// <summary>The service name used when <c>OTEL_SERVICE_NAME</c> is not set.</summary>
    public const string ServiceName = "inequalities";

    /// <summary>Which signals to export.</summary>
    internal sealed record Settings(bool Metrics, bool Traces, bool ServiceNameFromEnvironment)
    {
        public bool Any => Metrics || Traces;
    }

    /// <summary>Reads the decision from environment variables.</summary>
    /// <param name="environment">Gets a variable (<see cref="Environment.GetEnvironmentVariable(string)"/>).</param>
    public static Settings FromEnvironment(Func<string, string?> environment)
    {
        if (string.Equals(environment("OTEL_SDK_DISABLED")?.Trim(), "true", StringComparison.OrdinalIgnoreCase))
        {
            return new Settings(false, false, false);
        }

        bool Set(string name) => !string.IsNullOrWhiteSpace(environment(name));
        var both = Set("OTEL_EXPORTER_OTLP_ENDPOINT");
        return new Settings(both || Set("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"), both || Set("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"), Set("OTEL_SERVICE_NAME"));
    }

    /// <summary>The Inequalities meter, for any meter provider (OTLP here, the in-memory exporter in tests).</summary>
    public static MeterProviderBuilder AddInequalitiesMetrics(this MeterProviderBuilder builder) => builder.AddMeter(InequalitiesTelemetry.MeterName);

    /// <summary>The Inequalities activity source (refresh, fetch and parse spans), for any tracer provider.</summary>
    public static TracerProviderBuilder AddInequalitiesTraces(this TracerProviderBuilder builder) => builder.AddSource(InequalitiesTelemetry.ActivitySourceName);

    /// <summary>
    /// For a one-shot verb (<c>refresh</c>): starts the OTLP providers the settings ask for; disposing them flushes
    /// what was recorded before the process exits. Null when nothing is exported.
    /// </summary>
    public static IDisposable? StartOneShot(Settings settings)
    {
        if (!settings.Any)
        {
            return null;
        }

        var providers = new List<IDisposable>();
        if (settings.Metrics)
        {
            providers.Add(Sdk.CreateMeterProviderBuilder().ConfigureResource(r => Resource(r, settings)).AddInequalitiesMetrics().AddOtlpExporter().Build());
        }

        if (settings.Traces)
        {
            providers.Add(Sdk.CreateTracerProviderBuilder().ConfigureResource(r => Resource(r, settings)).AddInequalitiesTraces().AddOtlpExporter().Build());
        }

        return new Providers(providers);
    }

    /// <summary>For the worker (<c>run</c>): adds OpenTelemetry to the host when the settings ask for it.</summary>
    public static void AddTo(IServiceCollection services, Settings settings)
    {
        if (!settings.Any)
        {
            return;
        }

        var otel = services.AddOpenTelemetry().ConfigureResource(r => Resource(r, settings));
        if (settings.Metrics)
        {
            otel.WithMetrics(m => m.AddInequalitiesMetrics().AddOtlpExporter());
        }

        if (settings.Traces)
        {
            otel.WithTracing(t => t.AddInequalitiesTraces().AddOtlpExporter());
        }
    }

    private static void Resource(ResourceBuilder resource, Settings settings)
    {
        if (!settings.ServiceNameFromEnvironment)
        {
            resource.AddService(ServiceName, serviceVersion: InequalitiesTelemetry.Version);
        }
    }

    private sealed class Providers(List<IDisposable> providers) : IDisposable
    {
        public void Dispose()
        {
            foreach (var p in providers)
            {
                p.Dispose();
            }
        }
    }
}
