namespace BarberPro.Tests.TestSupport;

/// <summary>The repository's folder (the one holding BarberPro.sln), found by walking up from the test binaries.</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    /// <summary>A path inside the repository, e.g. <c>Repository.PathOf("scripts", "free-port.sh")</c>.</summary>
    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "BarberPro.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("BarberPro.sln not found above the test binaries.");
    }
}
