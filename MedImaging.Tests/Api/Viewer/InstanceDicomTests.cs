using MedImaging.Tests.AppHost.Emulators;

namespace MedImaging.Tests.Api.Viewer;

/// <summary>GET /api/studies/{id}/instances/{uid}/dicom: the de-identified file streamed by the Api, or a 404 problem.</summary>
[Collection(AwsEmulatorCollection.Name)]
public sealed class InstanceDicomTests(AwsEmulatorFixture emulators) : IAsyncLifetime
{
    private readonly StudyResultsData _data = new();
    private ApiUnderTest _api = null!;

    public async Task InitializeAsync()
    {
        _api = await ApiUnderTest.StartAsync(emulators);
        await _data.WriteAsync(_api);
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Streams_the_routed_de_identified_file_from_the_api_origin()
    {
        using var response = await _api.Http.GetAsync($"/api/studies/{_data.StudyKey}/instances/{_data.Routed}/dicom");

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(_api.Process.BaseAddress!.Authority, response.RequestMessage!.RequestUri!.Authority);
        Assert.Equal("application/dicom", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(_data.Dicom.Length, response.Content.Headers.ContentLength);
        Assert.Equal(_data.Dicom, await response.Content.ReadAsByteArrayAsync());
    }

    public static TheoryData<string, string> Missing => new()
    {
        { "unknown study", "Instance not found" },
        { "unknown instance", "Instance not found" },
        { "hostile ids", "" },
        { "still working", "Not de-identified yet" },
        { "quarantined", "Instance withheld" },
        { "failed", "Instance withheld" },
    };

    [Theory]
    [MemberData(nameof(Missing))]
    public async Task Is_a_404_problem_when_there_is_nothing_to_hand_out(string instance, string title)
    {
        var path = instance switch
        {
            "unknown study" => $"2.25.1/instances/{_data.Routed}",
            "unknown instance" => $"{_data.StudyKey}/instances/2.25.1",
            "hostile ids" => "..%2F..%2Fetc/instances/%2E%2E",
            "still working" => $"{_data.StudyKey}/instances/{_data.Working}",
            "quarantined" => $"{_data.StudyKey}/instances/{_data.Quarantined}",
            "failed" => $"{_data.StudyKey}/instances/{_data.Failed}",
            _ => throw new ArgumentOutOfRangeException(nameof(instance)),
        };

        using var response = await _api.Http.GetAsync($"/api/studies/{path}/dicom");

        var problem = await ApiUnderTest.AssertProblemAsync(response, 404);
        if (title.Length > 0) Assert.Equal(title, problem.Title);
    }
}
