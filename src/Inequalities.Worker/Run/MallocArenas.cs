using System.Runtime.InteropServices;

namespace Inequalities.Worker.Run;

/// <summary>
/// Caps glibc's malloc arenas (<c>mallopt(M_ARENA_MAX, 2)</c>, what <c>MALLOC_ARENA_MAX=2</c> does) at start-up. The
/// lake's Parquet writer is native code (ParquetSharp, Arrow C++) that the refresh runs on several threads at once;
/// glibc gives each contending thread its own arena and keeps the freed pages of each, which put the national refresh's
/// peak RSS 20-30 MB higher than with two arenas, for no measurable CPU. Nothing happens on other C libraries (musl,
/// macOS, Windows) or when <c>MALLOC_ARENA_MAX</c> is already set.
/// </summary>
internal static class MallocArenas
{
    /// <summary>glibc's <c>M_ARENA_MAX</c> parameter of <c>mallopt</c>.</summary>
    private const int ArenaMaxParameter = -8;

    /// <summary>The arenas allowed: the main one and one more for the threads that contend with it.</summary>
    private const int Arenas = 2;

    /// <summary>Caps the arenas when the process runs on glibc; returns whether it did.</summary>
    public static bool Limit()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX") is not null)
        {
            return false;
        }

        try
        {
            return Mallopt(ArenaMaxParameter, Arenas) == 1;
        }
        catch (EntryPointNotFoundException)
        {
            return false; // a C library without mallopt
        }
        catch (DllNotFoundException)
        {
            return false;
        }
    }

    // DllImport, not LibraryImport: the signature is blittable (two ints in, an int out), so no marshalling code is
    // generated either way, and LibraryImport would need unsafe code enabled for the whole project.
#pragma warning disable SYSLIB1054
    [DllImport("libc", EntryPoint = "mallopt", ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Mallopt(int parameter, int value);
#pragma warning restore SYSLIB1054
}
