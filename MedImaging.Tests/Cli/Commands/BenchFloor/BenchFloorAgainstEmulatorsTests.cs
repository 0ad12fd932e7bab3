using System.Globalization;
using System.Text.RegularExpressions;
using Amazon.DynamoDBv2.Model;
using Amazon.S3.Model;
using MedImaging.Aws.Configuration;
using MedImaging.Cli;
using MedImaging.Cli.Benchmarking;
using MedImaging.Cli.Commands;
using MedImaging.Tests.AppHost.Emulators;
using MedImaging.Testing;

namespace MedImaging.Tests.Cli.Commands.BenchFloor;

/// <summary>`medimaging bench floor` run for real against the emulators with a small N: every side effect it claims is
/// there afterwards, and the CPU of the emulators is reported. Timings are not asserted.</summary>
[Collection(AwsEmulatorCollection.Name)]
public sealed partial class BenchFloorAgainstEmulatorsTests(AwsEmulatorFixture fixture)
{
    [Fact]
    public async Task Every_required_side_effect_is_made_once_per_study_and_the_emulators_cpu_is_printed()
    {
        const int warmup = 5, instances = 23;
        var output = new StringWriter();
        var errors = new StringWriter();
        string[] arguments =
        [
            "bench", "floor", "--dynamodb", fixture.AwsOptions.ServiceUrl.DynamoDb!, "--fauxqs", fixture.AwsOptions.ServiceUrl.S3!,
            "--instances", instances.ToString(CultureInfo.InvariantCulture), "--warmup", warmup.ToString(CultureInfo.InvariantCulture),
            "--concurrency", "3", "--no-peer", "--system-pid", Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
            "--source", TestCorpus.File("study_knee_s1_01.dcm"),
        ];

        var exitCode = await Task.Run(() => CommandLine.Run(arguments, output, errors));

        var report = output.ToString();
        Assert.True(exitCode == BenchIngestCommand.PeerSkipped, $"exit {exitCode}\n{report}\n{errors}");
        Assert.Matches(@"throughput\s+[\d.]+ instances/s", report);
        foreach (var role in new[] { ProcessRoles.Fauxqs, ProcessRoles.DynamoDb, ProcessRoles.Bench })
            Assert.Matches(Regex.Escape(role) + @"\s+[\d.]+ ms per instance", report);
        Assert.Matches(@"bound\s+[\d.]+ instances/s at most", report);
        var run = RunLine().Match(report).Groups[1].Value;
        Assert.NotEmpty(run);

        var studies = warmup + instances;
        using var s3 = AwsSdkClients.CreateS3(fixture.AwsOptions);
        var uploads = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = run + "-ingest" });
        var outputs = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = run + "-general" });
        Assert.Equal(studies, uploads.S3Objects.Count);
        Assert.Equal(3 * studies, outputs.S3Objects.Count);
        Assert.Equal(studies, outputs.S3Objects.Count(o => o.Key.EndsWith(".jpg", StringComparison.Ordinal) && o.Size > 1000));
        using var dynamo = AwsSdkClients.CreateDynamoDb(fixture.AwsOptions);
        var items = await dynamo.ScanAsync(new ScanRequest { TableName = run, Select = Amazon.DynamoDBv2.Select.COUNT });
        Assert.Equal(2 * studies, items.Count);
    }

    [Fact]
    public void Without_both_endpoints_it_prints_its_usage()
    {
        var errors = new StringWriter();
        Assert.Equal(CommandLine.UsageError, CommandLine.Run(["bench", "floor", "--fauxqs", "http://127.0.0.1:1"], new StringWriter(), errors));
        Assert.Contains("--dynamodb URL --fauxqs URL", errors.ToString());
    }

    [GeneratedRegex(@"resources (floor-[0-9a-f]+)-\*")]
    private static partial Regex RunLine();
}
