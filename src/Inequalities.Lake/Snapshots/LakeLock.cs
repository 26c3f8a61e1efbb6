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
        var started = timeProvider.GetTimestamp();
        while (true)
        {
            var (stream, holder) = OwnedFileLock.TryTake(layout.Root, layout.LockFile, timeProvider);
            if (stream is not null)
            {
                return (new LakeLock(stream), null);
            }

            if (timeProvider.GetElapsedTime(started) >= wait)
            {
                return (null, holder);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _stream.Dispose();
}

/// <summary>
/// An exclusive OS lock on a file (released by the kernel when the process dies, even by <c>kill -9</c>), with a
/// <c>.owner</c> file beside it saying who holds it, for the message another process gets.
/// </summary>
internal static class OwnedFileLock
{
    /// <summary>Takes the lock once: the open stream, or null and who holds it.</summary>
    public static (FileStream? Stream, string? Holder) TryTake(string directory, string path, TimeProvider timeProvider)
    {
        Directory.CreateDirectory(directory);
        try
        {
            var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            File.WriteAllText(path + ".owner", $"pid {Environment.ProcessId} on {Environment.MachineName} since {timeProvider.GetUtcNow():O}", Encoding.UTF8);
            return (stream, null);
        }
        catch (IOException)
        {
            return (null, Holder(path));
        }
    }

    private static string Holder(string path)
    {
        try
        {
            var text = File.ReadAllText(path + ".owner").Trim();
            return text.Length > 0 ? text : "another process";
        }
        catch (IOException)
        {
            return "another process";
        }
    }
}
