using MedImaging.Dicom.Tests.IO;
using MedImaging.Dicom.Tests.Oracles;
using MedImaging.Testing;

namespace MedImaging.Dicom.Tests.Fuzzing;

/// <summary>
/// The reader paths added for issue 18 under mutation: trailing zeros, (FFFC,FFFC) padding, implicit VR "US or SS"
/// attributes and private attributes read with the private dictionary (sequences included). The corpus fuzz run has no
/// such seeds, so these are made at test time (by dcmtk where the shape needs it) and fuzzed with fixed seeds.
/// </summary>
public class WildShapesFuzzTests
{
    [Fact]
    public void Mutated_wild_shapes_are_read_or_rejected_with_a_format_exception()
    {
        using var scratch = new ScratchDirectory();
        using var privateScratch = new ScratchDirectory();
        using var ambiguousScratch = new ScratchDirectory();
        var ct = File.ReadAllBytes(TestCorpus.File("ct_ele_14s.dcm"));
        byte[] padding = [0xFC, 0xFF, 0xFC, 0xFF, (byte)'O', (byte)'B', 0, 0, 8, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8];
        var seeds = new List<(string Name, byte[] Bytes)>
        {
            ("trailing zeros", [.. ct, .. new byte[4096]]),
            ("trailing padding", [.. ct, .. padding, .. new byte[64]]),
            ("implicit private", File.ReadAllBytes(PrivateDictionaryTests.MakeImplicit(privateScratch))),
            ("implicit us or ss", File.ReadAllBytes(AmbiguousVRTests.MakeImplicit(ambiguousScratch, "1"))),
        };
        var files = seeds.Select(s => new FuzzSeedFile(s.Name, s.Bytes, ElementLayout.Walk(s.Bytes))).ToList();

        var report = FuzzRunner.Run(new DicomMutator(files), 1, TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(10), scratch.File("input.dcm"), maxInputs: 1500);

        Assert.True(report.Inputs > 100, $"only {report.Inputs} inputs ran");
        Assert.True(report.Findings.Count == 0, string.Join('\n', report.Findings));
    }
}
