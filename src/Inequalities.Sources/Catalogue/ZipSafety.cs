namespace Inequalities.Sources.Catalogue;

/// <summary>Checks zip member paths so that nothing read from an archive can escape its folder.</summary>
internal static class ZipSafety
{
    /// <summary>Whether a member path is relative, normalised and stays inside the archive root.</summary>
    public static bool IsSafeMemberPath(string path)
    {
        if (string.IsNullOrWhiteSpace(path) || path.Contains('\0', StringComparison.Ordinal))
        {
            return false;
        }

        var normalised = path.Replace('\\', '/');
        if (normalised.StartsWith('/') || (normalised.Length > 1 && normalised[1] == ':'))
        {
            return false;
        }

        return normalised.Split('/').All(part => part is not ".." );
    }
}
