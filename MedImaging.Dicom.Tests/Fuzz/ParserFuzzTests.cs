using System.Diagnostics;
using MedImaging.Dicom.Json;
using MedImaging.Dicom.Tests.Support;
using MedImaging.Testing;
using Xunit.Abstractions;

namespace MedImaging.Dicom.Tests.Fuzz;

/// <summary>
/// Mutated corpus files must either parse or raise <see cref="DicomFormatException"/>; any other exception is a finding.
/// Runs ~20 s by default; MEDIMAGING_FUZZ_SECONDS=N runs longer (seed from MEDIMAGING_FUZZ_SEED to reproduce).
/// </summary>
public class ParserFuzzTests(ITestOutputHelper output)
{
    [Fact]
    public void Mutated_files_raise_only_format_exceptions()
    {
        var seconds = int.TryParse(Environment.GetEnvironmentVariable("MEDIMAGING_FUZZ_SECONDS"), out var s) ? s : 20;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("MEDIMAGING_FUZZ_SEED"), out var fixedSeed) ? fixedSeed : Environment.TickCount;
        var corpus = TestCorpus.Manifest.Where(Corpus.IsReadable)
            .Select(row => File.ReadAllBytes(TestCorpus.File(row.File)))
            .Where(bytes => bytes.Length <= 300_000)
            .ToList();
        var mutator = new Mutator(new Random(seed), corpus);
        var clock = Stopwatch.StartNew();
        long inputs = 0, rejected = 0;
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            var (input, description) = mutator.Next();
            inputs++;
            try
            {
                Exercise(input);
            }
            catch (DicomFormatException)
            {
                rejected++;
            }
            catch (Exception e)
            {
                var saved = Path.Combine(Path.GetTempPath(), $"medimaging-fuzz-finding-{seed}-{inputs}.dcm");
                File.WriteAllBytes(saved, input);
                Assert.Fail($"finding (seed {seed}, input {inputs}, {description}, saved to {saved}): {e}");
            }
        }
        output.WriteLine($"fuzz: seed {seed}, {inputs} inputs in {clock.Elapsed.TotalSeconds:F0} s, {rejected} rejected with DicomFormatException, 0 findings");
        Assert.True(inputs > 100, "fuzzer ran too few inputs to mean anything");
    }

    /// <summary>Parses fully and header-only, then walks, serializes and re-writes what was accepted.</summary>
    private static void Exercise(byte[] input)
    {
        DicomFile.Read(input, DicomReadOptions.HeaderOnly);
        var file = DicomFile.Read(input);
        DicomJsonWriter.Write(file.Dataset);
        var copy = new MemoryStream();
        file.Save(copy);
        DicomFile.Read(copy.ToArray());
    }
}
