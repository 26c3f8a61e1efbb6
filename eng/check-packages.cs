// Checks what ships (README, "What ships"): opens each .nupkg and asserts that it carries its own README, named in
// the nuspec; the XML docs beside each library assembly; the licence, project URL, description and tags; the
// repository URL and the commit built in the nuspec; and the symbols as decided: a portable PDB embedded in each of the
// project's assemblies, with SourceLink mapping its sources to the repository at that commit, no loose .pdb and no
// .snupkg. Under CI (CI=true) the build is deterministic, so every source path in the PDB is under /_/.
// The public API itself is checked at build time by PublicApiAnalyzers (RS0016/RS0017), not here.
//
// Usage: dotnet run eng/check-packages.cs -- --repository URL --commit SHA FOLDER...
//        (eng/pack-local-feed.sh runs it on the packages it packs.) Exit 1 with every problem listed.
using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.Json;
using System.Xml.Linq;

var sourceLinkKind = new Guid("CC110556-A091-4D38-9FEC-25AB9A351A6A");
string? repository = null, commit = null;
var folders = new List<string>();
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--repository" when i + 1 < args.Length: repository = args[++i].TrimEnd('/'); break;
        case "--commit" when i + 1 < args.Length: commit = args[++i]; break;
        default: folders.Add(args[i]); break;
    }
}

if (repository is null || commit is null || folders.Count == 0 || !repository.StartsWith("https://github.com/", StringComparison.Ordinal))
{
    Console.Error.WriteLine("Usage: dotnet run eng/check-packages.cs -- --repository https://github.com/OWNER/NAME --commit SHA FOLDER...");
    return 2;
}

var rawUrl = $"https://raw.githubusercontent.com/{repository["https://github.com/".Length..]}/{commit}/*";
var ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
var problems = new List<string>();
var packages = folders.SelectMany(f => Directory.GetFiles(f, "*.nupkg")).Order(StringComparer.Ordinal).ToList();
if (packages.Count == 0)
{
    problems.Add($"no .nupkg in {string.Join(", ", folders)}");
}

foreach (var snupkg in folders.SelectMany(f => Directory.GetFiles(f, "*.snupkg")))
{
    problems.Add($"{Path.GetFileName(snupkg)}: symbols are embedded in the assemblies; no symbol package is expected");
}

foreach (var package in packages)
{
    var name = Path.GetFileName(package);
    void Problem(string what) => problems.Add($"{name}: {what}");
    using var zip = ZipFile.OpenRead(package);
    var entries = zip.Entries.ToDictionary(e => e.FullName, StringComparer.Ordinal);

    var nuspecEntry = zip.Entries.SingleOrDefault(e => !e.FullName.Contains('/', StringComparison.Ordinal) && e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
    if (nuspecEntry is null)
    {
        Problem("no nuspec");
        continue;
    }

    XElement metadata;
    using (var stream = nuspecEntry.Open())
    {
        var root = XDocument.Load(stream).Root!;
        metadata = root.Element(root.Name.Namespace + "metadata")!;
    }

    XElement? Element(string element) => metadata.Element(metadata.Name.Namespace + element);
    string Meta(string element) => Element(element)?.Value.Trim() ?? string.Empty;
    var id = Meta("id");

    // The package's own README, named in the nuspec.
    var readme = Meta("readme");
    if (readme.Length == 0)
    {
        Problem("the nuspec names no readme");
    }
    else if (!entries.TryGetValue(readme, out var readmeEntry))
    {
        Problem($"the readme '{readme}' named in the nuspec is not in the package");
    }
    else
    {
        using var reader = new StreamReader(readmeEntry.Open());
        var firstLine = reader.ReadLine();
        if (firstLine != "# " + id)
        {
            Problem($"the README's title is '{firstLine}', expected '# {id}' (each package carries its own README)");
        }
    }

    // Licence, links, description, tags.
    if (Element("license") is not { } license || (string?)license.Attribute("type") != "expression" || license.Value.Trim().Length == 0)
    {
        Problem("no licence expression");
    }

    foreach (var required in new[] { "projectUrl", "description", "tags", "authors" })
    {
        if (Meta(required).Length == 0)
        {
            Problem($"no {required}");
        }
    }

    // The repository and the commit built.
    var repo = Element("repository");
    if ((string?)repo?.Attribute("type") != "git" || (string?)repo?.Attribute("url") != repository)
    {
        Problem($"the nuspec's repository is '{repo}', expected type git, url {repository}");
    }

    if ((string?)repo?.Attribute("commit") != commit)
    {
        Problem($"the nuspec's repository commit is '{(string?)repo?.Attribute("commit")}', expected {commit}");
    }

    // The assemblies: the libraries' under lib/, the tool's own under tools/ (its dependencies are other packages').
    var isTool = metadata.Element(metadata.Name.Namespace + "packageTypes")?.Elements().Any(e => (string?)e.Attribute("name") == "DotnetTool") == true;
    var assemblies = entries.Keys
        .Where(e => e.EndsWith(".dll", StringComparison.Ordinal)
            && (e.StartsWith("lib/", StringComparison.Ordinal)
                || (isTool && e.StartsWith("tools/", StringComparison.Ordinal) && Path.GetFileName(e).StartsWith("Inequalities.", StringComparison.OrdinalIgnoreCase))
                || (isTool && e.StartsWith("tools/", StringComparison.Ordinal) && Path.GetFileName(e) == "inequalities.dll")))
        .ToList();
    if (assemblies.Count == 0)
    {
        Problem("no assembly");
    }

    if (isTool && !entries.Keys.Any(e => e.EndsWith("/DotnetToolSettings.xml", StringComparison.Ordinal)))
    {
        Problem("a dotnet tool package without DotnetToolSettings.xml");
    }

    foreach (var pdb in entries.Keys.Where(e => e.EndsWith(".pdb", StringComparison.OrdinalIgnoreCase)))
    {
        Problem($"{pdb}: a loose PDB; symbols are embedded in the assemblies");
    }

    foreach (var assembly in assemblies)
    {
        var docs = Path.ChangeExtension(assembly, ".xml");
        if (assembly.StartsWith("lib/", StringComparison.Ordinal))
        {
            if (!entries.TryGetValue(docs, out var docsEntry))
            {
                Problem($"{assembly}: no XML documentation file ({docs})");
            }
            else
            {
                using var stream = docsEntry.Open();
                var members = XDocument.Load(stream).Descendants("member").Count();
                if (members == 0)
                {
                    Problem($"{docs}: documents no member");
                }
            }
        }

        CheckSymbols(assembly, entries[assembly], Problem);
    }

    Console.WriteLine($"checked {name}: {(isTool ? "dotnet tool" : "library")}, {assemblies.Count} assembl{(assemblies.Count == 1 ? "y" : "ies")}");
}

if (problems.Count > 0)
{
    Console.Error.WriteLine($"The packages are not as they should ship ({problems.Count} problem(s)):");
    foreach (var problem in problems)
    {
        Console.Error.WriteLine("  " + problem);
    }

    return 1;
}

Console.WriteLine($"{packages.Count} package(s): README, XML docs, licence, repository {repository} at {commit}, embedded symbols with SourceLink{(ci ? ", deterministic paths" : string.Empty)}.");
return 0;

// The embedded portable PDB, its SourceLink (to the repository at the commit) and, under CI, its deterministic paths.
void CheckSymbols(string assembly, ZipArchiveEntry entry, Action<string> problem)
{
    using var buffer = new MemoryStream();
    using (var stream = entry.Open())
    {
        stream.CopyTo(buffer);
    }

    buffer.Position = 0;
    using var pe = new PEReader(buffer);
    var embedded = pe.ReadDebugDirectory().Where(d => d.Type == DebugDirectoryEntryType.EmbeddedPortablePdb).ToList();
    if (embedded.Count != 1)
    {
        problem($"{assembly}: no embedded portable PDB");
        return;
    }

    using var provider = pe.ReadEmbeddedPortablePdbDebugDirectoryData(embedded[0]);
    var pdb = provider.GetMetadataReader();
    var sourceLink = pdb.GetCustomDebugInformation(EntityHandle.ModuleDefinition)
        .Select(pdb.GetCustomDebugInformation)
        .Where(c => pdb.GetGuid(c.Kind) == sourceLinkKind)
        .Select(c => pdb.GetBlobBytes(c.Value))
        .FirstOrDefault();
    if (sourceLink is null)
    {
        problem($"{assembly}: the embedded PDB has no SourceLink");
    }
    else
    {
        using var json = JsonDocument.Parse(sourceLink);
        var targets = json.RootElement.GetProperty("documents").EnumerateObject().Select(p => p.Value.GetString()).ToList();
        if (!targets.Contains(rawUrl))
        {
            problem($"{assembly}: SourceLink maps to {string.Join(", ", targets)}, expected {rawUrl}");
        }
    }

    var documents = pdb.Documents.Select(d => pdb.GetString(pdb.GetDocument(d).Name)).ToList();
    if (documents.Count == 0)
    {
        problem($"{assembly}: the embedded PDB lists no source document");
    }

    if (ci && documents.FirstOrDefault(d => !d.StartsWith("/_/", StringComparison.Ordinal)) is { } local)
    {
        problem($"{assembly}: the PDB names the source '{local}'; a CI build (ContinuousIntegrationBuild) maps paths to /_/");
    }
}
