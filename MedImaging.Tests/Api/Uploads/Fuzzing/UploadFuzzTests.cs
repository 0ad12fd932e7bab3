using System.Globalization;
using MedImaging.Dicom.Tests.Fuzzing;
using MedImaging.Testing;
using Xunit.Abstractions;

namespace MedImaging.Tests.Api.Uploads.Fuzzing;

/// <summary>
/// Mutation fuzzing of the Api's upload path and the de-identifier (<see cref="UploadFuzzCheck"/>) over the corpus and
/// hostile seeds (a deflate bomb, a long header, a Pixel Data length beyond the file). Every test run fuzzes a fixed
/// 3,000 seeds (about 15 s); MEDIMAGING_UPLOAD_FUZZ_SECONDS=N runs N seconds (the long mode), MEDIMAGING_FUZZ_SEED=S
/// starts at seed S, and MEDIMAGING_UPLOAD_FUZZ_REPRODUCE=S runs the single input of seed S (what a finding prints).
/// </summary>
public class UploadFuzzTests(ITestOutputHelper output)
{
    private static readonly TimeSpan PerInputTimeout = TimeSpan.FromSeconds(10);
    private const long DefaultRunInputs = 3000;

    [Fact]
    public void Mutated_uploads_are_accepted_or_refused_with_problem_details_within_time_and_memory()
    {
        var mutator = Mutator();
        if (Environment.GetEnvironmentVariable("MEDIMAGING_UPLOAD_FUZZ_REPRODUCE") is { Length: > 0 } reproduce)
        {
            mutator.WarmUp();
            var input = mutator.Mutate(long.Parse(reproduce, CultureInfo.InvariantCulture));
            var (outcome, problem) = UploadFuzzCheck.Run(input);
            output.WriteLine($"seed {input.Seed}: {input.Source} with {input.Mutations}, {UploadRequestBody.For(input).Framing}: {outcome} {problem}");
            Assert.Null(problem);
            return;
        }
        var longMode = Environment.GetEnvironmentVariable("MEDIMAGING_UPLOAD_FUZZ_SECONDS") is { Length: > 0 };
        var seconds = longMode ? double.Parse(Environment.GetEnvironmentVariable("MEDIMAGING_UPLOAD_FUZZ_SECONDS")!, CultureInfo.InvariantCulture) : 60;
        var maxInputs = longMode ? long.MaxValue : DefaultRunInputs;
        var firstSeed = Environment.GetEnvironmentVariable("MEDIMAGING_FUZZ_SEED") is { Length: > 0 } f ? long.Parse(f, CultureInfo.InvariantCulture) : 1;
        WarmUp(mutator);

        var report = FuzzRunner.Run(mutator, firstSeed, TimeSpan.FromSeconds(seconds), PerInputTimeout, (input, _) => UploadFuzzCheck.Run(input), maxInputs);

        var hangs = report.Findings.Count(f => f.Problem.Contains("(hang)", StringComparison.Ordinal));
        var summary = $"upload fuzz: {report.Inputs} inputs in {report.Elapsed.TotalSeconds:F0} s (seeds {firstSeed}..{firstSeed + report.Inputs - 1}), " +
                      $"{report.Rejected} refused, {report.Inputs - report.Rejected - report.Findings.Count} accepted, " +
                      $"{report.Findings.Count - hangs} findings, {hangs} hangs; peak RSS {PeakRssMiB()} MiB";
        output.WriteLine(summary);
        Console.WriteLine(summary);
        Assert.True(report.Inputs > 0, "the fuzzer ran no input");
        Assert.True(report.Findings.Count == 0,
            $"{summary}\n{string.Join('\n', report.Findings)}\nreproduce one: MEDIMAGING_UPLOAD_FUZZ_REPRODUCE=<seed> dotnet test --filter UploadFuzzTests");
    }

    [Fact]
    public void The_hostile_seeds_are_refused_or_accepted_as_the_upload_would()
    {
        foreach (var seed in HostileSeeds())
        {
            var (outcome, problem) = UploadFuzzCheck.Run(new FuzzInput(0, seed.Name, "none", seed.Bytes));
            Assert.Null(problem);
            Assert.Equal(seed.Name == "many elements" ? FuzzOutcome.Read : FuzzOutcome.Rejected, outcome);
        }
    }

    private static DicomMutator Mutator() => new([.. FuzzCorpus.Files, .. HostileSeeds()]);

    private static IEnumerable<FuzzSeedFile> HostileSeeds() =>
        new (string Name, byte[] Bytes)[]
        {
            ("deflate bomb", HostileDicom.DeflateBomb(inflatedBytes: 8L << 20, valueBytes: 1 << 20)),
            ("many elements", HostileDicom.ManyElements(2000)),
            ("pixel data longer than the file", HostileDicom.PixelDataLongerThanFile()),
        }.Select(s => new FuzzSeedFile(s.Name, s.Bytes, ElementLayout.Walk(s.Bytes)));

    // One-time initialisation (JIT of the upload path, the dictionary) is not billed to the first inputs.
    private static void WarmUp(DicomMutator mutator)
    {
        mutator.WarmUp();
        foreach (var seed in FuzzCorpus.Files.Take(20)) UploadFuzzCheck.Run(new FuzzInput(0, seed.Name, "none", seed.Bytes));
    }

    private static long PeakRssMiB() =>
        long.Parse(File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
}
