using MedImaging.AppHost.Orchestration;

namespace MedImaging.Tests.AppHost.Orchestration;

public sealed class ResourceTableTests
{
    [Fact]
    public void Each_resource_row_starts_with_its_name_and_shows_state_and_url()
    {
        var table = ResourceTable.Format([
            new ResourceState("dynamodb", "emulator", "running", "http://127.0.0.1:8000"),
            new ResourceState("api", "project", "healthy", "http://127.0.0.1:5080"),
        ]);

        var lines = table.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith("resource", lines[0]);
        Assert.Matches(@"^api\s+project\s+healthy\s+http://127\.0\.0\.1:5080$", lines[2]);
        Assert.Matches(@"^dynamodb\s+emulator\s+running\s+http://127\.0\.0\.1:8000$", lines[1]);
    }
}
