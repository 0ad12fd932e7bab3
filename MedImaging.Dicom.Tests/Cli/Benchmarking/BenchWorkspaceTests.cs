using MedImaging.Cli.Benchmarking;

namespace MedImaging.Dicom.Tests.Cli.Benchmarking;

public class BenchWorkspaceTests
{
    [Fact]
    public void A_temporary_workspace_is_deleted_with_its_files()
    {
        string path;
        using (var workspace = BenchWorkspace.Create("medimaging-workspace-test"))
        {
            path = workspace.Path;
            var files = workspace.WriteAll("copies", [[1, 2], [3]]);
            Assert.Equal([1, 2], File.ReadAllBytes(files[0]));
            Assert.Equal([3], File.ReadAllBytes(files[1]));
        }
        Assert.False(Directory.Exists(path));
    }

    [Fact]
    public void A_given_directory_is_kept()
    {
        var given = Path.Combine(Path.GetTempPath(), $"medimaging-workspace-test-{Guid.NewGuid():N}");
        try
        {
            using (var workspace = BenchWorkspace.Create("unused", given))
                workspace.WriteAll("copies", [[1]]);
            Assert.True(File.Exists(Path.Combine(given, "copies", "00000.dcm")));
        }
        finally
        {
            Directory.Delete(given, recursive: true);
        }
    }
}
