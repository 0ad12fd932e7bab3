using System.Net.Http.Json;
using Amazon.S3.Model;
using MedImaging.Aws.Configuration;
using MedImaging.Aws.Dynamo;
using MedImaging.Studies;
using MedImaging.Tests.AppHost.Emulators;
using MedImaging.Tests.ServiceHosting;

namespace MedImaging.Tests.Api;

/// <summary>
/// A real Api process, with the Silo it hands studies to (an Orleans cluster of one), over freshly provisioned
/// emulator resources, with the clients a test needs to arrange data and check side effects.
/// </summary>
public sealed class ApiUnderTest : IAsyncDisposable
{
    private ApiUnderTest(LocalAws aws, ResourceNames resources, ServiceProcess silo, ServiceProcess process)
    {
        Aws = aws;
        Silo = silo;
        Resources = resources;
        Process = process;
        Http = new HttpClient { BaseAddress = process.BaseAddress };
        // Presigned URLs point at the emulator; redirects are followed explicitly where a test wants to.
        Outside = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
    }

    public LocalAws Aws { get; }
    public ResourceNames Resources { get; }
    public ServiceProcess Process { get; }
    public ServiceProcess Silo { get; }
    /// <summary>Talks to the Api.</summary>
    public HttpClient Http { get; }
    /// <summary>A plain client with no base address and no redirects, for presigned URLs.</summary>
    public HttpClient Outside { get; }
    public StudyTable Studies => Aws.StudyTable(Resources);

    public static async Task<ApiUnderTest> StartAsync(AwsEmulatorFixture emulators, IReadOnlyDictionary<string, string>? settings = null)
    {
        var aws = new LocalAws(emulators);
        var resources = await aws.ProvisionAsync();
        var environment = aws.ServiceEnvironment(resources);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            environment[key] = value;
        var silo = await ServiceProcess.StartAsync("MedImaging.Silo", environment);
        var process = await ServiceProcess.StartAsync("MedImaging.Api", environment);
        return new ApiUnderTest(aws, resources, silo, process);
    }

    public async Task PutObjectAsync(string bucket, string key, byte[] content, string contentType)
    {
        using var body = new MemoryStream(content);
        await Aws.S3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, InputStream = body, ContentType = contentType });
    }

    /// <summary>The study as its grain saved it: what an accepted upload promises is already there.</summary>
    public Task<StudySnapshot?> SavedStudyAsync(string studyKey) => Studies.LoadAsync(studyKey);

    /// <summary>Asserts an RFC 9457 problem with this status and returns it.</summary>
    public static async Task<ProblemBody> AssertProblemAsync(HttpResponseMessage response, int status)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<ProblemBody>();
        Assert.NotNull(problem);
        Assert.Equal(status, problem.Status);
        Assert.False(string.IsNullOrEmpty(problem.Title));
        return problem;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        Outside.Dispose();
        await Process.DisposeAsync();
        await Silo.DisposeAsync();
        Aws.Dispose();
    }
}

public sealed record ProblemBody(string Title, int Status, string? Detail, List<RefusedFileBody>? Files);

public sealed record RefusedFileBody(int Index, int Status, string Title, string Detail, string? Type = null, long? Limit = null);
