using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Amazon.DynamoDBv2.Model;
using Amazon.S3.Model;
using MedImaging.Api.Uploads;
using MedImaging.Aws.Configuration;
using Amazon.SQS;
using Amazon.SQS.Model;
using MedImaging.Testing;
using MedImaging.Tests.AppHost.Emulators;
using MedImaging.Tests.ServiceHosting;

namespace MedImaging.Tests.Api.Uploads;

/// <summary>
/// Refused uploads, against a real Api process and the emulators: each gets an RFC 9457 problem and leaves
/// nothing behind (no object, no message, no study). The file limit is lowered to 9 MiB, so a 12 MiB file
/// fails in its second part, after a multipart upload has begun.
/// </summary>
[Collection(AwsEmulatorCollection.Name)]
public sealed class UploadBadInputTests(AwsEmulatorFixture emulators) : IAsyncLifetime
{
    private readonly LocalAws _aws = new(emulators);
    private const int FileLimit = 9 * 1024 * 1024;
    private const long HeaderLimit = 4 * 1024 * 1024;
    private const long FilesLimit = 2;
    private static readonly byte[] HostilePixelFile = HostileDicom.PixelDataLongerThanFile();
    private static readonly byte[] HostileMultipartFile = HostileDicom.PixelDataLongerThanFile(present: 8 * 1024 * 1024 + 1000);
    private static readonly long HostilePixelFileLength = HostilePixelFile.Length;
    private static readonly long HostileMultipartFileLength = HostileMultipartFile.Length;
    private ResourceNames _resources = null!;
    private ServiceProcess _silo = null!;
    private ServiceProcess _api = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _resources = await _aws.ProvisionAsync();
        var environment = _aws.ServiceEnvironment(_resources);
        environment["MedImaging__Upload__MaxFileBytes"] = FileLimit.ToString();
        environment["MedImaging__Upload__MaxHeaderBytes"] = HeaderLimit.ToString();
        environment["MedImaging__Upload__MaxFilesPerRequest"] = FilesLimit.ToString();
        _silo = await ServiceProcess.StartAsync("MedImaging.Silo", environment);
        _api = await ServiceProcess.StartAsync("MedImaging.Api", environment);
        _http = new HttpClient { BaseAddress = _api.BaseAddress };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _api.DisposeAsync();
        await _silo.DisposeAsync();
        _aws.Dispose();
    }

    public static TheoryData<string, int, string, long?> BadBodies => new()
    {
        { "empty dicom body", 400, UploadProblemTypes.EmptyUpload, null },
        { "garbage dicom body", 415, UploadProblemTypes.UnsupportedFileType, null },
        { "text body", 415, UploadProblemTypes.UnsupportedRequest, null },
        { "multipart without a file field", 400, UploadProblemTypes.EmptyUpload, null },
        { "multipart with an empty file", 400, UploadProblemTypes.EmptyUpload, null },
        { "dicom without identifiers", 422, UploadProblemTypes.IdentifiersMissing, null },
        { "dicom cut inside its header", 422, UploadProblemTypes.MalformedDicom, null },
        { "deflate bomb", 422, UploadProblemTypes.InflateLimit, HeaderLimit },
        { "deflate bomb declaring 4 GB", 422, UploadProblemTypes.InflateLimit, HeaderLimit },
        { "pixel data longer than the file", 422, UploadProblemTypes.LengthBeyondFile, HostilePixelFileLength },
        { "pixel data longer than the file, after a multipart upload began", 422, UploadProblemTypes.LengthBeyondFile, HostileMultipartFileLength },
        { "header over the header limit", 422, UploadProblemTypes.HeaderTooLong, HeaderLimit },
        { "file over the limit, single part", 413, UploadProblemTypes.TooLarge, FileLimit },
        { "file over the limit, after a multipart upload began", 413, UploadProblemTypes.TooLarge, FileLimit },
        { "more files than allowed", 413, UploadProblemTypes.TooManyFiles, FilesLimit },
        { "good file then a bad one", 415, UploadProblemTypes.UnsupportedFileType, null },
        { "multipart with a broken boundary", 400, UploadProblemTypes.MalformedRequest, null },
        { "multipart part header that never ends", 400, UploadProblemTypes.MalformedRequest, null },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Is_refused_with_its_own_problem_type_and_stores_nothing(string body, int status, string type, long? limit)
    {
        using var content = Content(body);

        using var response = await _http.PostAsync("/api/studies", content);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<Problem>();
        Assert.Equal(status, problem!.Status);
        Assert.Equal(type, problem.Type);
        Assert.False(string.IsNullOrEmpty(problem.Title));
        Assert.False(string.IsNullOrEmpty(problem.Detail));
        Assert.Equal(limit, problem.Limit);
        if (limit is { } value) Assert.Contains(value.ToString(System.Globalization.CultureInfo.InvariantCulture), problem.Detail);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public void Every_refusal_class_of_an_upload_is_tested_over_http()
    {
        var tested = BadBodies.Select(row => (string)row[2]).ToHashSet();
        var uploadClasses = typeof(UploadProblemTypes).GetFields()
            .Select(f => (string)f.GetValue(null)!)
            .Where(t => !t.Contains(":direct-upload-", StringComparison.Ordinal));

        Assert.Empty(uploadClasses.Except(tested));
    }

    [Theory]
    [InlineData("2.25.1")]
    [InlineData("u0123456789abcdef0123456789abcdef")]
    [InlineData("..%2F..%2Fetc")]
    public async Task An_unknown_study_is_a_404_problem(string id)
    {
        using var response = await _http.GetAsync($"/api/studies/{id}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static HttpContent Content(string body)
    {
        var knee = File.ReadAllBytes(TestCorpus.File("study_knee_s1_01.dcm"));
        return body switch
        {
            "empty dicom body" => Dicom([]),
            "garbage dicom body" => Dicom(File.ReadAllBytes(TestCorpus.File("broken_garbage.dcm"))),
            "text body" => new StringContent("hello"),
            "multipart without a file field" => new MultipartFormDataContent { { new ByteArrayContent(knee), "picture", "knee.dcm" } },
            "multipart with an empty file" => new MultipartFormDataContent { { new ByteArrayContent([]), "file", "empty.dcm" } },
            // The file meta group alone: Part 10, but no dataset, so no StudyInstanceUID.
            "dicom without identifiers" => Dicom(knee[..MetaGroupEnd(knee)]),
            "file over the limit, single part" => Dicom(UploadStudiesTests.PngLike(FileLimit + 1)),
            "file over the limit, after a multipart upload began" => Dicom(UploadStudiesTests.PngLike(12 * 1024 * 1024)),
            "good file then a bad one" => new MultipartFormDataContent
            {
                { new ByteArrayContent(knee), "file", "knee.dcm" },
                { new ByteArrayContent("plain text"u8.ToArray()), "file", "notes.txt" },
            },
            "multipart with a broken boundary" => BrokenMultipart(knee),
            "multipart part header that never ends" => EndlessPartHeader(knee),
            // Ends inside the first element's header, after the meta group.
            "dicom cut inside its header" => Dicom(knee[..(MetaGroupEnd(knee) + 5)]),
            "deflate bomb" => Dicom(HostileDicom.DeflateBomb(inflatedBytes: 64L << 20, valueBytes: 1 << 20)),
            "deflate bomb declaring 4 GB" => Dicom(HostileDicom.DeflateBomb(inflatedBytes: 16L << 20)),
            "pixel data longer than the file" => Dicom(HostilePixelFile),
            "pixel data longer than the file, after a multipart upload began" => Dicom(HostileMultipartFile),
            "header over the header limit" => Dicom(HostileDicom.ManyElements(500_000)),
            "more files than allowed" => new MultipartFormDataContent
            {
                { new ByteArrayContent(knee), "file", "1.dcm" },
                { new ByteArrayContent(knee), "file", "2.dcm" },
                { new ByteArrayContent(knee), "file", "3.dcm" },
            },
            _ => throw new ArgumentOutOfRangeException(nameof(body)),
        };
    }

    private static ByteArrayContent Dicom(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/dicom");
        return content;
    }

    private static ByteArrayContent BrokenMultipart(byte[] file)
    {
        var head = "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"k.dcm\"\r\n\r\n"u8.ToArray();
        var content = new ByteArrayContent([.. head, .. file]); // the closing boundary never comes
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b");
        return content;
    }

    private static ByteArrayContent EndlessPartHeader(byte[] file)
    {
        var head = "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"k.dcm\"\r\n\r\n"u8.ToArray();
        var content = new ByteArrayContent([.. head, .. file, .. "\r\n--b\r\n"u8.ToArray(), .. Enumerable.Repeat((byte)'a', 4 << 20)]);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b");
        return content;
    }

    private static int MetaGroupEnd(byte[] part10)
    {
        var groupLength = BitConverter.ToInt32(part10, 132 + 8);
        return 132 + 12 + groupLength;
    }

    private async Task AssertNothingStoredAsync()
    {
        var objects = await _aws.S3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _resources.IngestBucket });
        Assert.Empty(objects.S3Objects ?? []);
        var items = await _aws.DynamoDb.ScanAsync(new ScanRequest { TableName = _resources.StudyTable });
        Assert.Equal(0, items.Count);
    }

    private sealed record Problem(string Type, string Title, int Status, string? Detail, long? Limit);
}
