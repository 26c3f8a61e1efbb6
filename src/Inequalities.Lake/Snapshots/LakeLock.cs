using System.Text;

namespace Inequalities.Lake.Snapshots;

/// <summary>
/// Keeps one writer per lake: an exclusive lock on <c>&lt;lake&gt;/.lock</c> (an OS file lock, released by the
/// kernel when the process dies, even by <c>kill -9</c>). The file records who holds it, for the message a second
/// writer gets.
/// </summary>
public sealed class LakeLock : IDisposable
{
    private readonly FileStream _stream;

    private LakeLock(FileStream stream) => _stream = stream;

    /// <summary>
    /// Takes the lock, waiting up to <paramref name="wait"/> for another writer to finish.
    /// </summary>
    /// <param name="layout">The lake.</param>
    /// <param name="wait">How long to wait; <see cref="TimeSpan.Zero"/> to try once.</param>
    /// <param name="timeProvider">The clock used for waiting and for the holder's timestamp.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The lock, or <see langword="null"/> with a description of who holds it.</returns>
    public static async Task<(LakeLock? Lock, string? Holder)> TryAcquireAsync(LakeLayout layout, TimeSpan wait, TimeProvider timeProvider, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(timeProvider);
        Directory.CreateDirectory(layout.Root);
        var started = timeProvider.GetTimestamp();
        while (true)
        {
            try
            {
                var stream = new FileStream(layout.LockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                var who = $"pid {Environment.ProcessId} on {Environment.MachineName} since {timeProvider.GetUtcNow():O}";
                File.WriteAllText(OwnerFile(layout), who, Encoding.UTF8);
                return (new LakeLock(stream), null);
            }
            catch (IOException)
            {
                if (timeProvider.GetElapsedTime(started) >= wait)
                {
                    return (null, ReadHolder(layout));
                }

                await Task.Delay(TimeSpan.FromMilliseconds(250), timeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => _stream.Dispose();

    private static string ReadHolder(LakeLayout layout)
    {
        try
        {
            var text = File.ReadAllText(OwnerFile(layout)).Trim();
            return text.Length > 0 ? text : "another process";
        }
        catch (IOException)
        {
            return "another process";
        }
    }

    private static string OwnerFile(LakeLayout layout) => layout.LockFile + ".owner";
}
