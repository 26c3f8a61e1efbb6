using Microsoft.Extensions.Logging;

namespace Inequalities.Lake.Parquet;

/// <summary>The two Parquet writers behind <see cref="ParquetTableWriter"/>.</summary>
internal enum ParquetWriterKind
{
    /// <summary>ParquetSharp (Apache Arrow's C++ writer): <see cref="NativeParquetFileWriter"/>.</summary>
    Native,

    /// <summary>Parquet.Net (managed code only): <see cref="ManagedParquetFileWriter"/>.</summary>
    Managed,
}

/// <summary>
/// Chooses the lake's Parquet writer once per process: ParquetSharp when its native library loads (it ships one for
/// linux-x64/arm64 with glibc, osx-x64/arm64 and win-x64/arm64), else Parquet.Net, so the library, tool and worker still
/// write the lake on other platforms (Alpine's musl, other RIDs). <see cref="EnvironmentVariable"/> set to
/// <c>managed</c> forces Parquet.Net, <c>native</c> requires ParquetSharp, <c>auto</c> (or unset) probes.
/// Both writers write the same content and column schemas.
/// </summary>
internal static partial class ParquetWriterChoice
{
    /// <summary>The environment variable that forces a writer: <c>managed</c>, <c>native</c> or <c>auto</c>.</summary>
    public const string EnvironmentVariable = "INEQUALITIES_PARQUET_WRITER";

    private static readonly Lazy<(ParquetWriterKind Kind, string Reason)> Chosen =
        new(() => Choose(Environment.GetEnvironmentVariable(EnvironmentVariable), ProbeNative), LazyThreadSafetyMode.ExecutionAndPublication);

    private static int _logged;

    /// <summary>The writer this process uses.</summary>
    /// <exception cref="InvalidOperationException"><see cref="EnvironmentVariable"/> holds another value, or is <c>native</c> and the native library cannot load.</exception>
    public static ParquetWriterKind Current => Chosen.Value.Kind;

    /// <summary>
    /// Chooses the writer (if not yet chosen) and logs the choice and its reason at information level, the first time
    /// only in this process.
    /// </summary>
    /// <exception cref="InvalidOperationException">As <see cref="Current"/>.</exception>
    public static void LogOnce(ILogger logger)
    {
        var (kind, reason) = Chosen.Value;
        if (Interlocked.Exchange(ref _logged, 1) == 0)
        {
            LogChoice(logger, kind == ParquetWriterKind.Native ? "ParquetSharp (native)" : "Parquet.Net (managed)", reason);
        }
    }

    /// <summary>The writer for <paramref name="setting"/> (the environment variable's value), probing the native library with <paramref name="probe"/> (null when it loads, else why not).</summary>
    /// <exception cref="InvalidOperationException"><paramref name="setting"/> is not managed, native, auto or empty, or is native and the probe fails.</exception>
    internal static (ParquetWriterKind Kind, string Reason) Choose(string? setting, Func<string?> probe)
    {
        switch (setting?.Trim().ToLowerInvariant())
        {
            case null or "" or "auto":
                var failure = probe();
                return failure is null
                    ? (ParquetWriterKind.Native, "ParquetSharp's native library loaded")
                    : (ParquetWriterKind.Managed, $"ParquetSharp's native library could not load on {System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier}: {failure}");
            case "managed":
                return (ParquetWriterKind.Managed, $"{EnvironmentVariable}=managed");
            case "native":
                var problem = probe();
                return problem is null
                    ? (ParquetWriterKind.Native, $"{EnvironmentVariable}=native")
                    : throw new InvalidOperationException(
                        $"{EnvironmentVariable}=native, but ParquetSharp's native library could not load on {System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier}: {problem} Set it to auto or managed to write with Parquet.Net.");
            default:
                throw new InvalidOperationException(
                    $"The environment variable {EnvironmentVariable} is '{setting}'; expected managed (Parquet.Net), native (ParquetSharp) or auto (ParquetSharp where its native library loads, else Parquet.Net; the default when unset).");
        }
    }

    /// <summary>
    /// Null when ParquetSharp's native library loads and answers a cheap call; else the exception's type and message
    /// (also when ParquetSharp's managed assembly is missing, e.g. an application that left the dependency out).
    /// </summary>
    internal static string? ProbeNative()
    {
        try
        {
            TouchNative();
            return null;
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or BadImageFormatException or EntryPointNotFoundException or FileNotFoundException or FileLoadException)
        {
            var inner = e is TypeInitializationException { InnerException: { } cause } ? cause : e;
            return $"{inner.GetType().Name}: {inner.Message}";
        }
    }

    /// <summary>
    /// A cheap call into ParquetSharp, in its own method so a missing ParquetSharp assembly fails inside the probe's
    /// <c>try</c> (when this method is compiled), not when the probe itself is.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void TouchNative()
    {
        using var builder = new ParquetSharp.WriterPropertiesBuilder();
        using var properties = builder.Build();
    }

    [LoggerMessage(EventId = 50, Level = LogLevel.Information, Message = "Parquet writer: {Writer}; {Reason}")]
    private static partial void LogChoice(ILogger logger, string writer, string reason);
}
