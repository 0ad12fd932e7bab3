using System.Net;
using MedImaging.Tests.AppHost.Emulators;

namespace MedImaging.Tests.Api.Rendered;

/// <summary>GET /api/studies/{id}/instances/{uid}/rendered: a redirect to a working presigned URL, or a 404 problem.</summary>
[Collection(AwsEmulatorCollection.Name)]
public sealed class RenderedImageTests(AwsEmulatorFixture emulators) : IAsyncLifetime
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
    public async Task Redirects_to_a_presigned_url_of_the_routed_rendered_image()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _api.Process.BaseAddress };

        using var response = await client.GetAsync($"/api/studies/{_data.StudyKey}/instances/{_data.Routed}/rendered");

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.Contains($"/{_api.Resources.XrayBucket}/{_data.RoutedPng.Key}", location.AbsolutePath);
        using var image = await _api.Outside.GetAsync(location);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
        Assert.Equal(_data.Png, await image.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_client_that_follows_redirects_gets_the_image()
    {
        var bytes = await _api.Http.GetByteArrayAsync($"/api/studies/{_data.StudyKey}/instances/{_data.Routed}/rendered");

        Assert.Equal(_data.Png, bytes);
    }

    public static TheoryData<string, string> Missing => new()
    {
        { "unknown study", "Instance not found" },
        { "unknown instance", "Instance not found" },
        { "hostile ids", "" },
        { "still working", "Not rendered yet" },
        { "quarantined", "Rendered image withheld" },
        { "failed", "Rendered image withheld" },
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

        using var response = await _api.Http.GetAsync($"/api/studies/{path}/rendered");

        var problem = await ApiUnderTest.AssertProblemAsync(response, 404);
        // Hostile ids may not reach the endpoint at all (the path normalizes away); any 404 problem will do there.
        if (title.Length > 0) Assert.Equal(title, problem.Title);
    }
}
