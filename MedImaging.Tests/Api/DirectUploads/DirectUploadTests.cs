using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using MedImaging.Api.DirectUploads;
using MedImaging.Api.Uploads;
using MedImaging.Studies;
using MedImaging.Testing;
using MedImaging.Tests.Api.Uploads;
using MedImaging.Tests.AppHost.Emulators;

namespace MedImaging.Tests.Api.DirectUploads;

/// <summary>
/// Seed 001's flow against the emulators: declare files, PUT them to the presigned URLs (really, with HttpClient),
/// complete; then the queue holds exactly what a multipart upload would have sent. The file limit is 10 MiB + 100 bytes here.
/// </summary>
[Collection(AwsEmulatorCollection.Name)]
public sealed class DirectUploadTests(AwsEmulatorFixture emulators) : IAsyncLifetime
{
    // Under fauxqs' 11 MiB single-PUT limit, above one 8 MiB hashing chunk.
    private const int FileLimit = 10 * 1024 * 1024 + 100;
    private ApiUnderTest _api = null!;

    public async Task InitializeAsync() =>
        _api = await ApiUnderTest.StartAsync(emulators, new Dictionary<string, string>
        {
            ["MedImaging__Upload__MaxFileBytes"] = FileLimit.ToString(),
            // Single PUTs only here; DirectMultipartUploadTests covers files uploaded in parts.
            ["MedImaging__Upload__MultipartThresholdBytes"] = FileLimit.ToString(),
        });

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Uploaded_dicom_files_are_announced_and_their_study_finalized_with_the_expected_count()
    {
        var first = await File.ReadAllBytesAsync(TestCorpus.File("study_knee_s1_01.dcm"));
        var second = await File.ReadAllBytesAsync(TestCorpus.File("study_knee_s1_02.dcm"));
        const string study = "2.25.134899623431820889591957761799300653684";
        var upload = await CreateAsync(first.Length, second.Length);
        Assert.Equal(2, upload.Files.Count);
        Assert.StartsWith("http://127.0.0.1:", upload.Files[0].Url);

        await PutAsync(upload.Files[0], first);
        await PutAsync(upload.Files[1], second);
        using var complete = await _api.Http.PostAsync(upload.CompleteUrl, null);

        Assert.Equal(HttpStatusCode.Accepted, complete.StatusCode);
        Assert.Equal($"/api/studies/{study}", complete.Headers.Location?.ToString());
        // The grain saved both instances, and the finalize with the upload's count, before the 202.
        var saved = (await _api.SavedStudyAsync(study))!;
        var received = saved.Instances.OrderBy(m => m.ObjectKey, StringComparer.Ordinal).ToList();
        Assert.Equal([Sha256(first), Sha256(second)], received.Select(r => r.ContentSha256));
        Assert.All(received, r => Assert.Equal((_api.Resources.IngestBucket, "application/dicom"), (r.Bucket, r.ContentType)));
        Assert.Equal(first.Length, received[0].Size);
        Assert.Equal((true, 2), (saved.Study.FinalizeRequested, saved.Study.ExpectedInstances));
        using var get = await _api.Http.GetAsync($"/api/studies/{study}");
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
    }

    [Fact]
    public async Task Completing_twice_answers_the_same_and_sends_nothing_again()
    {
        var png = UploadStudiesTests.PngLike(10 * 1024 * 1024 + 17); // two 8 MiB chunks when hashed
        var upload = await CreateAsync(png.Length);
        await PutAsync(upload.Files[0], png);

        using var first = await _api.Http.PostAsync(upload.CompleteUrl, null);
        var saved = (await _api.SavedStudyAsync(upload.Id))!;
        using var second = await _api.Http.PostAsync(upload.CompleteUrl, null);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        var image = Assert.Single(saved.Instances);
        Assert.Equal(("image/png", Sha256(png), (long)png.Length), (image.ContentType, image.ContentSha256, image.Size));
        Assert.Single((await _api.SavedStudyAsync(upload.Id))!.Instances);
    }

    [Fact]
    public async Task A_missing_or_unacceptable_file_refuses_the_whole_upload_until_it_is_fixed()
    {
        var knee = await File.ReadAllBytesAsync(TestCorpus.File("study_knee_s1_01.dcm"));
        var garbage = Enumerable.Repeat((byte)'x', knee.Length).ToArray();
        var upload = await CreateAsync(knee.Length, garbage.Length, 100);
        await PutAsync(upload.Files[0], knee);
        await PutAsync(upload.Files[1], garbage);

        using var refused = await _api.Http.PostAsync(upload.CompleteUrl, null);

        var problem = await ApiUnderTest.AssertProblemAsync(refused, 422);
        Assert.Equal([(1, 415), (2, 409)], problem.Files!.Select(f => (f.Index, f.Status)));
        Assert.Null(await _api.Studies.LoadAsync("2.25.134899623431820889591957761799300653684"));

        // The client fixes both files through the same URLs and completes again.
        await PutAsync(upload.Files[1], knee);
        await PutAsync(upload.Files[2], UploadStudiesTests.PngLike(100));
        using var accepted = await _api.Http.PostAsync(upload.CompleteUrl, null);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
    }

    public static TheoryData<string, int> BadCompletions => new()
    {
        { "not uploaded", 409 },
        { "size differs from the declaration", 409 },
        { "over the file limit", 413 },
        { "not dicom", 415 },
        { "dicom without identifiers", 422 },
        { "pixel data longer than the file", 422 },
        { "deflate bomb", 422 },
    };

    [Theory]
    [MemberData(nameof(BadCompletions))]
    public async Task A_refused_file_is_a_problem_and_no_study_hears_of_it(string file, int status)
    {
        var knee = await File.ReadAllBytesAsync(TestCorpus.File("study_knee_s1_02.dcm"));
        var metaOnly = MetaGroupOnly(knee);
        var (declared, content) = file switch
        {
            "not uploaded" => (100L, (byte[]?)null),
            "size differs from the declaration" => (knee.Length + 1L, knee),
            "over the file limit" => (100L, new byte[FileLimit + 1]),
            "not dicom" => (5L, "hello"u8.ToArray()),
            // The file meta group alone: Part 10, but no dataset, so no StudyInstanceUID.
            "dicom without identifiers" => ((long)metaOnly.Length, metaOnly),
            "pixel data longer than the file" => ((long)HostilePixels.Length, HostilePixels),
            "deflate bomb" => ((long)Bomb.Length, Bomb),
            _ => throw new ArgumentOutOfRangeException(nameof(file)),
        };
        var upload = await CreateAsync(declared);
        if (content is not null) await PutAsync(upload.Files[0], content);

        using var response = await _api.Http.PostAsync(upload.CompleteUrl, null);

        var problem = await ApiUnderTest.AssertProblemAsync(response, status);
        var refused = Assert.Single(problem.Files!);
        Assert.Equal(status, refused.Status);
        Assert.Equal(ExpectedType[file], refused.Type);
        Assert.Null(await _api.Studies.LoadAsync(upload.Id));
    }

    private static readonly byte[] HostilePixels = HostileDicom.PixelDataLongerThanFile();
    private static readonly byte[] Bomb = HostileDicom.DeflateBomb(inflatedBytes: 256L << 20, valueBytes: 1 << 20);

    private static readonly Dictionary<string, string> ExpectedType = new()
    {
        ["not uploaded"] = UploadProblemTypes.NotUploaded,
        ["size differs from the declaration"] = UploadProblemTypes.SizeMismatch,
        ["over the file limit"] = UploadProblemTypes.TooLarge,
        ["not dicom"] = UploadProblemTypes.UnsupportedFileType,
        ["dicom without identifiers"] = UploadProblemTypes.IdentifiersMissing,
        ["pixel data longer than the file"] = UploadProblemTypes.LengthBeyondFile,
        ["deflate bomb"] = UploadProblemTypes.InflateLimit,
    };

    public static TheoryData<string, int> BadDeclarations => new()
    {
        { "{}", 400 },
        { "{\"files\":[]}", 400 },
        { "{\"files\":[{\"size\":0}]}", 400 },
        { "{\"files\":[{\"size\":-5}]}", 400 },
        { $"{{\"files\":[{{\"size\":{FileLimit + 1}}}]}}", 413 },
        { $"{{\"files\":[{{\"size\":1,\"name\":\"{new string('n', 300)}\"}}]}}", 400 },
        { "{\"files\":", 400 },
        { "[1,2]", 400 },
    };

    [Theory]
    [MemberData(nameof(BadDeclarations))]
    public async Task A_bad_declaration_is_a_problem(string body, int status)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        using var response = await _api.Http.PostAsync("/api/uploads", content);

        await ApiUnderTest.AssertProblemAsync(response, status);
    }

    [Fact]
    public async Task A_declaration_that_is_not_json_is_a_415_problem()
    {
        using var content = new StringContent("{\"files\":[{\"size\":1}]}", System.Text.Encoding.UTF8, "text/plain");

        using var response = await _api.Http.PostAsync("/api/uploads", content);

        await ApiUnderTest.AssertProblemAsync(response, 415);
    }

    [Theory]
    [InlineData("u0123456789abcdef0123456789abcdef")]
    [InlineData("2.25.1")]
    [InlineData("..%2F..%2Fetc")]
    public async Task Completing_an_unknown_upload_is_a_404_problem(string id)
    {
        using var response = await _api.Http.PostAsync($"/api/uploads/{id}/complete", null);

        await ApiUnderTest.AssertProblemAsync(response, 404);
    }

    private async Task<UploadCreated> CreateAsync(params long[] sizes)
    {
        var request = new CreateUploadRequest(sizes.Select((s, i) => new DeclaredFile($"file-{i}", s)).ToList(), Finalize: null);
        using var response = await _api.Http.PostAsJsonAsync("/api/uploads", request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<UploadCreated>();
        Assert.Equal($"/api/uploads/{created!.Id}", response.Headers.Location?.ToString());
        return created;
    }

    private async Task PutAsync(UploadTarget target, byte[] content)
    {
        using var body = new ByteArrayContent(content);
        using var response = await _api.Outside.PutAsync(target.Url, body);
        Assert.True(response.IsSuccessStatusCode, $"PUT to the presigned URL answered {(int)response.StatusCode}");
    }

    private static byte[] MetaGroupOnly(byte[] part10) => part10[..(132 + 12 + BitConverter.ToInt32(part10, 132 + 8))];

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
