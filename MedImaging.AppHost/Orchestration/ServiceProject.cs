using MedImaging.AppHost.Hosting;

namespace MedImaging.AppHost.Orchestration;

/// <summary>A service of the solution run from its built dll (<c>dotnet MedImaging.X.dll</c>), not <c>dotnet run</c>.</summary>
public static class ServiceProject
{
    public static ChildProcessSpec Spec(RepositoryLayout layout, string resourceName, string projectName, IReadOnlyDictionary<string, string> environment)
    {
        var assembly = layout.ProjectAssembly(projectName);
        return new ChildProcessSpec(resourceName, "dotnet", [assembly], Path.GetDirectoryName(assembly)!)
        {
            Environment = environment,
        };
    }
}
