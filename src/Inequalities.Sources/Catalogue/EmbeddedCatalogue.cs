using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace Inequalities.Sources.Catalogue;

/// <summary>
/// The project's real catalogue, <c>data-sources.yml</c>, shipped inside <c>Inequalities.Sources</c> as an embedded
/// resource (the repository's file itself, linked into the project), so the tool and the library work from any folder.
/// Load it with <see cref="SourceCatalogue.LoadEmbedded"/>; <c>inequalities catalogue init</c> writes it out for editing.
/// </summary>
public static class EmbeddedCatalogue
{
    /// <summary>The manifest resource name of the embedded catalogue.</summary>
    public const string ResourceName = "Inequalities.Sources.data-sources.yml";

    private static readonly Lazy<string> TextValue = new(ReadResource);

    /// <summary>The YAML text of the embedded catalogue.</summary>
    public static string Text => TextValue.Value;

    /// <summary>SHA-256 of <see cref="Text"/> (lower-case hex), as the manifest records it.</summary>
    public static string Sha256 => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Text)));

    /// <summary>The name the embedded catalogue goes by in messages: <c>data-sources.yml (embedded in Inequalities.Sources VERSION)</c>.</summary>
    public static string DisplayName { get; } =
        $"data-sources.yml (embedded in Inequalities.Sources {typeof(EmbeddedCatalogue).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0"})";

    /// <summary>
    /// Writes the embedded catalogue to a file for editing (<c>inequalities catalogue init</c>), creating its folder;
    /// relative <c>url:</c> paths in it then resolve next to it. An existing file is left as it is unless
    /// <paramref name="overwrite"/>.
    /// </summary>
    /// <param name="path">The file to write.</param>
    /// <param name="overwrite">Replace the file when it exists.</param>
    /// <param name="cancellationToken">Stops the write.</param>
    /// <returns>Whether the file was written (false: it exists and <paramref name="overwrite"/> is false).</returns>
    public static async Task<bool> WriteToAsync(string path, bool overwrite, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (File.Exists(path) && !overwrite)
        {
            return false;
        }

        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }

        await File.WriteAllTextAsync(path, Text, new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
        return true;
    }

    private static string ReadResource()
    {
        using var stream = typeof(EmbeddedCatalogue).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The resource {ResourceName} is missing from {typeof(EmbeddedCatalogue).Assembly.FullName}; the build embeds data-sources.yml.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
