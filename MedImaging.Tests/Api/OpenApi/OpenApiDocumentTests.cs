using System.Net.Http.Json;
using System.Text.Json;
using MedImaging.Api.Extensions;
using MedImaging.Tests.AppHost.Emulators;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace MedImaging.Tests.Api.OpenApi;

/// <summary>
/// /openapi/v1.json from the running Api describes every route the Api maps (read from its endpoint data source, not
/// from a list kept by hand), each with its RFC 9457 problem responses.
/// </summary>
[Collection(AwsEmulatorCollection.Name)]
public sealed class OpenApiDocumentTests(AwsEmulatorFixture emulators) : IAsyncLifetime
{
    private ApiUnderTest _api = null!;
    private JsonElement _document;

    public async Task InitializeAsync()
    {
        _api = await ApiUnderTest.StartAsync(emulators);
        _document = await _api.Http.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public void Describes_every_mapped_route()
    {
        var mapped = MappedRoutes();
        var paths = _document.GetProperty("paths");

        Assert.True(mapped.Count >= 7, $"only {mapped.Count} routes mapped");
        foreach (var (method, path) in mapped)
        {
            Assert.True(paths.TryGetProperty(path, out var item), $"{path} is not in the document");
            Assert.True(item.TryGetProperty(method.ToLowerInvariant(), out _), $"{method} {path} is not in the document");
        }
    }

    [Fact]
    public void Every_operation_declares_its_problem_responses_as_problem_json()
    {
        foreach (var path in _document.GetProperty("paths").EnumerateObject())
        foreach (var operation in path.Value.EnumerateObject())
        {
            var problems = operation.Value.GetProperty("responses").EnumerateObject().Where(r => r.Name.StartsWith('4')).ToList();
            Assert.True(problems.Count > 0, $"{operation.Name} {path.Name} declares no error response");
            Assert.All(problems, r => Assert.True(
                r.Value.GetProperty("content").TryGetProperty("application/problem+json", out _),
                $"{operation.Name} {path.Name} {r.Name} is not application/problem+json"));
        }
    }

    [Fact]
    public void Names_the_api()
    {
        Assert.Equal("MedImaging API", _document.GetProperty("info").GetProperty("title").GetString());
    }

    /// <summary>The routes MapMedImagingApi maps, read from an app that is built but never started.</summary>
    private List<(string Method, string Path)> MappedRoutes()
    {
        var builder = WebApplication.CreateBuilder();
        foreach (var (key, value) in _api.Aws.ServiceEnvironment(_api.Resources))
            builder.Configuration[key.Replace("__", ":")] = value;
        builder.AddApplicationServices();
        using var app = builder.Build();
        app.MapMedImagingApi();
        return ((IEndpointRouteBuilder)app).DataSources
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(method => (method, Normalize(endpoint.RoutePattern.RawText!))))
            .ToList();
    }

    private static string Normalize(string route) => "/" + route.Trim('/');
}
