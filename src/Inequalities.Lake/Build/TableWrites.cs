using Inequalities.Core.Columnar;
using Inequalities.Lake.Parquet;
using Inequalities.Lake.Snapshots;
using Microsoft.Extensions.Logging;

namespace Inequalities.Lake.Build;

/// <summary>
/// Writes a refresh's tables into its staging snapshot in the background, while the next tables are built: at most one
/// write per core at once, each table let go once written. Giving a table waits while one more than that is already
/// waiting to be written, so the builder never runs far ahead of the writers (each table it holds is memory). A
/// partitioned table can be written one part at a time (<see cref="BeginPartitioned"/>), so it never exists whole. The first failure cancels the other writes and is
/// rethrown by <see cref="CompleteAsync"/>, which always waits for every write, so nothing writes into the staging folder
/// after the build has returned or thrown.
/// </summary>
internal sealed class TableWrites : IDisposable
{
    private readonly SnapshotStaging _staging;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _cancel;
    private readonly SemaphoreSlim _slots = new(Environment.ProcessorCount);
    private readonly SemaphoreSlim _queued = new(Environment.ProcessorCount + 1);
    private readonly List<Task> _writes = [];
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, TableEntry> _entries = new();
    private int _slotCount;
    private Exception? _failure;
    private readonly List<Func<TableEntry>> _completions = [];

    public TableWrites(SnapshotStaging staging, ILogger logger, CancellationToken cancellationToken)
    {
        _staging = staging;
        _logger = logger;
        _cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
    }

    /// <summary>The first write that failed (the others were cancelled because of it), or null.</summary>
    public Exception? Failure => Volatile.Read(ref _failure);

    /// <summary>The number of tables given so far.</summary>
    public int Count => _slotCount;

    /// <summary>Cancelled when the caller cancels or a write fails: stop building more.</summary>
    public CancellationToken Token => _cancel.Token;

    /// <summary>
    /// Writes a whole table (a Hive-partitioned folder for the tables in <see cref="LakeBuilder.PartitionedTables"/>); its
    /// manifest entry takes the next place. Blocks while the writers are behind: call from the builder's own thread.
    /// </summary>
    public void Write(Table table, IReadOnlyList<string> sources)
    {
        _queued.Wait(Token);
        WriteQueued(table, sources);
    }

    /// <summary>Writes a whole table as <see cref="Write"/> does, waiting asynchronously while the writers are behind.</summary>
    public async Task WriteAsync(Table table, IReadOnlyList<string> sources)
    {
        await _queued.WaitAsync(Token).ConfigureAwait(false);
        WriteQueued(table, sources);
    }

    private void WriteQueued(Table table, IReadOnlyList<string> sources)
    {
        var slot = Reserve();
        var holder = new Table?[] { table };
        Start(async token =>
        {
            var written = holder[0]!;
            holder[0] = null; // the write's own reference is the last one: the table goes once written
            _entries[slot] = await LakeBuilder.WriteTableAsync(written, sources, _staging, _logger, token).ConfigureAwait(false);
        });
    }

    /// <summary>
    /// Starts a table written as a Hive-partitioned folder one part after another (<see cref="PartitionedTable.Add"/>):
    /// every part must have the table's columns, and no partition may come in two parts. Its manifest entry takes the
    /// next place.
    /// </summary>
    public PartitionedTable BeginPartitioned(string name, IReadOnlyList<string> sources, IReadOnlyList<string> partitionBy)
    {
        var table = new PartitionedTable(this, name, sources, partitionBy, Reserve());
        _completions.Add(table.Entry);
        return table;
    }

    /// <summary>Waits for every write and returns the manifest entries in the order the tables were given; the first failure is rethrown.</summary>
    public async Task<TableEntry[]> CompleteAsync()
    {
        await WaitAllAsync().ConfigureAwait(false);
        foreach (var complete in _completions)
        {
            complete();
        }

        return [.. Enumerable.Range(0, _slotCount).Select(slot => _entries.TryGetValue(slot, out var entry) ? entry : throw new InvalidOperationException("A table's write did not finish."))];
    }

    /// <summary>Cancels the writes still running and waits for all of them (after a failed build), ignoring their errors.</summary>
    public async Task AbandonAsync()
    {
        await _cancel.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_writes).ConfigureAwait(false);
        }
        catch (Exception) when (_writes.All(w => w.IsCompleted))
        {
            // The build's own exception is the one that matters.
        }
    }

    public void Dispose()
    {
        _cancel.Dispose();
        _slots.Dispose();
        _queued.Dispose();
    }

    private int Reserve() => _slotCount++;

    /// <summary>Runs a write when a writer is free; the caller has taken a place in <see cref="_queued"/>, given back when the write ends.</summary>
    private void Start(Func<CancellationToken, Task> write)
    {
        var token = _cancel.Token;
        _writes.Add(Task.Run(
            async () =>
            {
                try
                {
                    await _slots.WaitAsync(token).ConfigureAwait(false);
                    try
                    {
                        await write(token).ConfigureAwait(false);
                    }
                    catch (Exception e) when (!token.IsCancellationRequested)
                    {
                        Interlocked.CompareExchange(ref _failure, e, null);
                        await _cancel.CancelAsync().ConfigureAwait(false); // stop the others; this failure is rethrown
                        throw;
                    }
                    finally
                    {
                        _slots.Release();
                    }
                }
                finally
                {
                    _queued.Release();
                }
            },
            CancellationToken.None)); // started even when cancelled, so the place in the queue is always given back
    }

    private async Task WaitAllAsync()
    {
        try
        {
            await Task.WhenAll(_writes).ConfigureAwait(false);
        }
        catch (Exception) when (Failure is { } failure)
        {
            // Rethrow the failure that cancelled the others, not a cancellation it caused.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }
    }

    /// <summary>A table written as a Hive-partitioned folder one part at a time.</summary>
    internal sealed class PartitionedTable
    {
        private readonly TableWrites _writes;
        private readonly string _name;
        private readonly IReadOnlyList<string> _sources;
        private readonly IReadOnlyList<string> _partitionBy;
        private readonly int _slot;
        private long _rows;
        private Table? _empty;

        internal PartitionedTable(TableWrites writes, string name, IReadOnlyList<string> sources, IReadOnlyList<string> partitionBy, int slot)
        {
            (_writes, _name, _sources, _partitionBy, _slot) = (writes, name, sources, partitionBy, slot);
        }

        /// <summary>Writes a part's partitions (a part without rows only sets the schema of an empty table).</summary>
        public void Add(Table part)
        {
            if (part.Name != _name)
            {
                throw new ArgumentException($"A part of table '{_name}' is named '{part.Name}'.", nameof(part));
            }

            if (part.RowCount == 0)
            {
                _empty ??= part;
                return;
            }

            _writes._queued.Wait(_writes.Token);
            _rows += part.RowCount;
            var holder = new Table?[] { part };
            _writes.Start(async token =>
            {
                var written = holder[0]!;
                holder[0] = null;
                foreach (var file in await ParquetTableWriter.AppendPartitionsAsync(written, _writes._staging.PathFor(_name), _partitionBy, LakeBuilder.WriteOptions(_name, _writes._staging, _sources), token).ConfigureAwait(false))
                {
                    using var durable = new FileStream(file, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
                    durable.Flush(flushToDisk: true);
                }
            });
        }

        /// <summary>
        /// Ends the table: with rows, its entry is the folder; without, the empty table (the schema of a part without
        /// rows) is written as one file, as a whole table without rows is.
        /// </summary>
        public void End()
        {
            if (_rows == 0)
            {
                var empty = _empty ?? throw new InvalidOperationException($"Table '{_name}' has no part, not even an empty one, to take its columns from.");
                _writes._queued.Wait(_writes.Token);
                var slot = _slot;
                _writes.Start(async token => _writes._entries[slot] = await LakeBuilder.WriteTableAsync(empty, _sources, _writes._staging, _writes._logger, token).ConfigureAwait(false));
            }
        }

        internal TableEntry Entry()
        {
            if (_rows > 0)
            {
                LakeBuilder.LogPartitioned(_writes._logger, _name, _rows, string.Join(", ", _partitionBy));
                _writes._entries[_slot] = new TableEntry { Name = _name, Path = _name, Rows = _rows, Sources = [.. _sources.Distinct()] };
            }

            return _writes._entries[_slot];
        }
    }
}
