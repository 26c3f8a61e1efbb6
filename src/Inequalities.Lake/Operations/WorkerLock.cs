using Inequalities.Lake.Snapshots;

namespace Inequalities.Lake.Operations;

/// <summary>
/// One worker per lake: an exclusive OS lock on <c>&lt;lake&gt;/.worker.lock</c>, held for the worker's lifetime and
/// released by the kernel when the process dies (even by <c>kill -9</c>). Separate from the lake lock
/// (<see cref="LakeLock"/>), which the worker takes only while a refresh runs, so a manual <c>refresh</c> can still run
/// between scheduled runs.
/// </summary>
public sealed class WorkerLock : IDisposable
{
    private readonly FileStream _stream;

    private WorkerLock(FileStream stream) => _stream = stream;

    /// <summary>Takes the lock, or returns null with a description of the worker holding it (pid, host, since when).</summary>
    /// <param name="layout">The lake.</param>
    /// <param name="timeProvider">The clock for the holder's timestamp.</param>
    public static (WorkerLock? Lock, string? Holder) TryAcquire(LakeLayout layout, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var (stream, holder) = OwnedFileLock.TryTake(layout.Root, layout.WorkerLockFile, timeProvider);
        return stream is null ? (null, holder) : (new WorkerLock(stream), null);
    }

    /// <inheritdoc />
    public void Dispose() => _stream.Dispose();
}
