using System.Text;
using Inequalities.Lake.Snapshots;

namespace Inequalities.Worker.Run;

/// <summary>
/// One worker per lake: an exclusive OS lock on <c>&lt;lake&gt;/.worker.lock</c>, held for the worker's lifetime and
/// released by the kernel when the process dies (even by <c>kill -9</c>). Separate from the lake lock, which the worker
/// takes only while a refresh runs, so a manual <c>refresh</c> can still run between scheduled runs.
/// </summary>
internal sealed class InstanceLock : IDisposable
{
    private readonly FileStream _stream;

    private InstanceLock(FileStream stream) => _stream = stream;

    public static string PathFor(LakeLayout layout) => Path.Combine(layout.Root, ".worker.lock");

    /// <summary>Takes the lock, or returns null with a description of the worker holding it.</summary>
    public static (InstanceLock? Lock, string? Holder) TryAcquire(LakeLayout layout, TimeProvider timeProvider)
    {
        Directory.CreateDirectory(layout.Root);
        var path = PathFor(layout);
        try
        {
            var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            File.WriteAllText(path + ".owner", $"pid {Environment.ProcessId} on {Environment.MachineName} since {timeProvider.GetUtcNow():O}", Encoding.UTF8);
            return (new InstanceLock(stream), null);
        }
        catch (IOException)
        {
            string holder;
            try
            {
                holder = File.ReadAllText(path + ".owner").Trim();
            }
            catch (IOException)
            {
                holder = "another process";
            }

            return (null, holder.Length > 0 ? holder : "another process");
        }
    }

    public void Dispose() => _stream.Dispose();
}
