using MedImaging.Cli;
using MedImaging.Testing;

namespace MedImaging.Dicom.Tests.Cli.Commands;

/// <summary>Argument handling of `bench ingest` and `bench orthanc-peer`; the measurement itself needs a running system.</summary>
public class BenchIngestCommandTests
{
    [Theory]
    [InlineData("--instances", "0")]
    [InlineData("--concurrency", "x")]
    [InlineData("--finalize-studies", "-1")]
    [InlineData("--url", "not a url")]
    [InlineData("--instances")]
    [InlineData("--bogus")]
    [InlineData("--mode", "open")]
    [InlineData("--mode", "2")]
    [InlineData("--max-in-flight", "0")]
    [InlineData("--list-poll-ms", "0")]
    [InlineData("--list-page-size", "201")]
    [InlineData("--cpu-budget", "0")]
    [InlineData("--cpu-budget", "1000")]
    [InlineData("--cpu-budget", "half")]
    public void Bad_arguments_print_usage_with_exit_code_64(params string[] arguments)
    {
        var errors = new StringWriter();
        var exitCode = CommandLine.Run(["bench", "ingest", .. arguments], new StringWriter(), errors);

        Assert.Equal(CommandLine.UsageError, exitCode);
        Assert.StartsWith("usage: medimaging bench ingest ", errors.ToString());
    }

    [Fact]
    public void Missing_source_is_a_file_error()
    {
        var errors = new StringWriter();
        var exitCode = CommandLine.Run(["bench", "ingest", "--source", "/nonexistent/study.dcm"], new StringWriter(), errors);

        Assert.Equal(FileBatch.FileError, exitCode);
        Assert.StartsWith("error: /nonexistent/study.dcm not found", errors.ToString());
    }

    [Fact]
    public void A_cpu_budget_without_the_system_it_limits_prints_why()
    {
        var errors = new StringWriter();
        var exitCode = CommandLine.Run(["bench", "ingest", "--cpu-budget", "0.5", "--source", TestCorpus.File("study_knee_s1_01.dcm")], new StringWriter(), errors);

        Assert.Equal(CommandLine.UsageError, exitCode);
        Assert.StartsWith("error: --cpu-budget needs --system-pid", errors.ToString());
    }

    [Fact]
    public void No_system_listening_is_an_error_naming_the_url()
    {
        var errors = new StringWriter();
        var exitCode = CommandLine.Run(["bench", "ingest", "--url", "http://127.0.0.1:9", "--instances", "1", "--no-peer", "--source", TestCorpus.File("study_knee_s1_01.dcm")], new StringWriter(), errors);

        Assert.Equal(1, exitCode);
        Assert.Contains("is the system running at http://127.0.0.1:9/?", errors.ToString());
    }

    [Theory]
    [InlineData]
    [InlineData("--concurrency", "0")]
    [InlineData("--files")]
    public void Peer_command_without_files_prints_usage(params string[] arguments)
    {
        var errors = new StringWriter();
        var exitCode = CommandLine.Run(["bench", "orthanc-peer", .. arguments], new StringWriter(), errors);

        Assert.Equal(CommandLine.UsageError, exitCode);
        Assert.StartsWith("usage: medimaging bench orthanc-peer ", errors.ToString());
    }

    [Fact]
    public void Peer_command_refuses_a_missing_directory()
    {
        var errors = new StringWriter();
        var exitCode = CommandLine.Run(["bench", "orthanc-peer", "--files", "/nonexistent/dir"], new StringWriter(), errors);

        Assert.Equal(FileBatch.FileError, exitCode);
    }
}
