using DuckDB.NET.Data;
using Inequalities.Lake.Snapshots;
using Inequalities.Lake.Tests.Build.Baseline;

// Usage: LakeBaseline <repository root> [commit]: builds the commit's worker (default HEAD), refreshes a lake with it
// from its own tests/data-sources.shared.yml, writes the commit into eng/lake-baseline.rev and the lake's digest into
// eng/lake-baseline.digest.json. The lake-equality test then checks every later lake against both.
// LakeBaseline <repository root> --check <lake folder>: compares a lake's current snapshot with the committed digest
// (the test's first check, in seconds, for a lake built by hand).
if (args.Length is < 1 or > 3 || (args.Length == 3 && args[1] != "--check"))
{
    Console.Error.WriteLine("Usage: LakeBaseline <repository root> [commit] | LakeBaseline <repository root> --check <lake folder>");
    return 2;
}

var root = Path.GetFullPath(args[0]);
if (args.Length == 3)
{
    var expected = LakeDigest.Read(Path.Combine(root, LakeDigest.FileName));
    using var duckdb = new DuckDBConnection("DataSource=:memory:");
    duckdb.Open();
    var differences = expected.Differences(LakeDigest.Compute(LakeSnapshot.OpenCurrent(args[2]), expected.Commit, duckdb));
    Console.WriteLine(differences.Count == 0 ? $"The lake equals the digest of {expected.Commit}." : string.Join('\n', differences));
    return differences.Count == 0 ? 0 : 1;
}

var baseline = new BaselineLake(root);
var (commit, reason) = await baseline.TryResolveAsync(args.Length > 1 ? args[1] : "HEAD");
if (commit is null)
{
    Console.Error.WriteLine($"Cannot pin it: {reason}.");
    return 1;
}

var temp = Directory.CreateTempSubdirectory("inequalities-lake-baseline-");
try
{
    Console.WriteLine($"Building the worker of {commit} and refreshing a lake from its shared catalogue...");
    var snapshot = LakeSnapshot.OpenCurrent(await baseline.BuildLakeAsync(commit, temp.FullName));
    using var connection = new DuckDBConnection("DataSource=:memory:");
    connection.Open();
    var digest = LakeDigest.Compute(snapshot, commit, connection);
    digest.Write(Path.Combine(root, LakeDigest.FileName));
    baseline.Pin(commit);
    Console.WriteLine($"Pinned {commit} in {BaselineLake.PinFile}; digest of {digest.Tables.Count} tables and {digest.Sources.Count} sources in {LakeDigest.FileName}.");
    return 0;
}
finally
{
    temp.Delete(recursive: true);
}
