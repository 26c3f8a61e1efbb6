using System.CommandLine;

namespace Inequalities.Worker.Commands;

/// <summary>Options shared by the lake verbs.</summary>
internal static class CommonOptions
{
    public static Option<FileInfo> Config() => new("--config")
    {
        Description = "The data-sources catalogue.",
        DefaultValueFactory = _ => new FileInfo("data-sources.yml"),
    };

    public static Option<DirectoryInfo> Lake() => new("--lake")
    {
        Description = "The lake folder.",
        DefaultValueFactory = _ => new DirectoryInfo("lake"),
    };
}
