using System.Globalization;
using Inequalities.Sources.Fetch;

namespace Inequalities.Worker;

/// <summary>Shows download progress on a terminal (stderr), one updating line per source; silent when redirected.</summary>
internal sealed class ConsoleProgress(TimeProvider timeProvider) : IProgress<FetchProgress>
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, long> _lastShown = [];

    public static IProgress<FetchProgress>? ForTerminal(TimeProvider timeProvider) =>
        Console.IsErrorRedirected ? null : new ConsoleProgress(timeProvider);

    public void Report(FetchProgress value)
    {
        var now = timeProvider.GetTimestamp();
        lock (_gate)
        {
            var done = value.TotalBytes is { } t && value.BytesReceived >= t;
            if (!done && _lastShown.TryGetValue(value.SourceId, out var last) && timeProvider.GetElapsedTime(last, now) < TimeSpan.FromMilliseconds(250))
            {
                return;
            }

            _lastShown[value.SourceId] = now;
            var total = value.TotalBytes is { } total0 && total0 > 0
                ? string.Create(CultureInfo.InvariantCulture, $" / {total0 / 1e6:F1} MB ({100.0 * value.BytesReceived / total0:F0}%)")
                : string.Empty;
            Console.Error.Write(string.Create(CultureInfo.InvariantCulture, $"\r  {value.SourceId,-32} {value.BytesReceived / 1e6,8:F1} MB{total}   "));
            if (done)
            {
                Console.Error.WriteLine();
            }
        }
    }
}
