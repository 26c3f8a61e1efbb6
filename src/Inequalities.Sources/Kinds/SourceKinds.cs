using System.Collections.Concurrent;
using Inequalities.Sources.Catalogue;

namespace Inequalities.Sources.Kinds;

/// <summary>
/// The registry of source kinds, keyed by the name the catalogue's <c>kind:</c> gives: every <see cref="ISourceKind"/>
/// of this assembly (each kind's folder under <c>Kinds/</c>), found once by reflection so adding a kind edits no list,
/// and any added with <see cref="Register"/> (a kind of your own, in your own project; see
/// <c>docs/adding-a-source-kind.md</c>).
/// </summary>
public static class SourceKinds
{
    private static readonly ConcurrentDictionary<string, ISourceKind> Registered = Discover();

    /// <summary>Every registered kind, by name.</summary>
    public static IReadOnlyCollection<ISourceKind> All => [.. Registered.Values.OrderBy(k => k.Name, StringComparer.Ordinal)];

    /// <summary>The kind a catalogue entry names (its <see cref="SourceDefinition.KindName"/>).</summary>
    /// <param name="source">The catalogue entry.</param>
    /// <exception cref="NotSupportedException">No kind of that name is registered.</exception>
    public static ISourceKind For(SourceDefinition source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return For(source.KindName);
    }

    /// <summary>A built-in kind.</summary>
    /// <param name="kind">The kind.</param>
    /// <exception cref="NotSupportedException">No kind of that name is registered.</exception>
    public static ISourceKind For(SourceKind kind) => For(Naming.ToSnake(kind.ToString()));

    /// <summary>The kind of a name, as the catalogue's <c>kind:</c> writes it.</summary>
    /// <param name="name">The name (<c>deprivation</c>).</param>
    /// <exception cref="NotSupportedException">No kind of that name is registered.</exception>
    public static ISourceKind For(string name) =>
        TryFind(name, out var found) ? found : throw new NotSupportedException($"No source kind '{name}' is registered.");

    /// <summary>Looks a kind up by name.</summary>
    /// <param name="name">The name (<c>deprivation</c>).</param>
    /// <param name="kind">The kind, when registered.</param>
    public static bool TryFind(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ISourceKind? kind)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Registered.TryGetValue(name, out kind);
    }

    /// <summary>
    /// Registers a kind (before the catalogue that names it is loaded), replacing any of the same name. A kind whose
    /// name is not one of <see cref="SourceKind"/>'s reads as <see cref="SourceKind.Registered"/> with its name in
    /// <see cref="SourceDefinition.KindName"/>.
    /// </summary>
    /// <param name="kind">The kind.</param>
    public static void Register(ISourceKind kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentException.ThrowIfNullOrWhiteSpace(kind.Name, nameof(kind));
        Registered[kind.Name] = kind;
    }

    private static ConcurrentDictionary<string, ISourceKind> Discover()
    {
        var kinds = typeof(SourceKinds).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(ISourceKind).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => (ISourceKind)Activator.CreateInstance(t)!);
        return new ConcurrentDictionary<string, ISourceKind>(kinds.Select(k => KeyValuePair.Create(k.Name, k)), StringComparer.Ordinal);
    }
}
