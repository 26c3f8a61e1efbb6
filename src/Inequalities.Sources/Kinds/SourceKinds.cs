using System.Collections.Concurrent;
using Inequalities.Sources.Catalogue;

namespace Inequalities.Sources.Kinds;

/// <summary>
/// The registry of source kinds: every <see cref="ISourceKind"/> of this assembly (each kind's folder under
/// <c>Kinds/</c>), found once by reflection, so adding a kind edits no list, and any registered with
/// <see cref="Register"/>.
/// </summary>
public static class SourceKinds
{
    private static readonly ConcurrentDictionary<SourceKind, ISourceKind> Registered = Discover();

    /// <summary>Every registered kind.</summary>
    public static IReadOnlyCollection<ISourceKind> All => [.. Registered.Values.OrderBy(k => k.Kind)];

    /// <summary>The kind's parser and field rules.</summary>
    /// <param name="kind">The kind.</param>
    /// <exception cref="NotSupportedException">No parser is registered for the kind.</exception>
    public static ISourceKind For(SourceKind kind) =>
        Registered.TryGetValue(kind, out var found)
            ? found
            : throw new NotSupportedException($"No source kind is registered for '{Naming.ToSnake(kind.ToString())}'.");

    /// <summary>Registers a kind, replacing the one registered for the same <see cref="ISourceKind.Kind"/>.</summary>
    /// <param name="kind">The kind.</param>
    public static void Register(ISourceKind kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        Registered[kind.Kind] = kind;
    }

    private static ConcurrentDictionary<SourceKind, ISourceKind> Discover()
    {
        var kinds = typeof(SourceKinds).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(ISourceKind).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => (ISourceKind)Activator.CreateInstance(t)!);
        return new ConcurrentDictionary<SourceKind, ISourceKind>(kinds.Select(k => KeyValuePair.Create(k.Kind, k)));
    }
}
