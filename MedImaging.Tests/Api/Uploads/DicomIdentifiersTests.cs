using System.Diagnostics;
using MedImaging.Api.Uploads;
using MedImaging.Testing;

namespace MedImaging.Tests.Api.Uploads;

public sealed class DicomIdentifiersTests
{
    public static TheoryData<string> StudyFiles => new(TestCorpus.Manifest.Where(r => r.File.StartsWith("study_knee")).Select(r => r.File));

    [Theory]
    [MemberData(nameof(StudyFiles))]
    public void Reads_the_uids_dcmdump_reads(string file)
    {
        var bytes = File.ReadAllBytes(TestCorpus.File(file));

        var identifiers = DicomIdentifiers.TryRead(bytes);

        Assert.NotNull(identifiers);
        Assert.Equal(Dcmdump(file, "0020,000d"), identifiers.Value.StudyUid);
        Assert.Equal(Dcmdump(file, "0008,0018"), identifiers.Value.SopInstanceUid);
    }

    [Theory]
    [InlineData("broken_garbage.dcm")]
    [InlineData("broken_trunc_header.dcm")]
    public void Never_throws_on_broken_files(string file)
    {
        var bytes = File.ReadAllBytes(TestCorpus.File(file));
        for (var length = 0; length <= Math.Min(bytes.Length, 2048); length += 7)
            _ = DicomIdentifiers.TryRead(bytes.AsSpan(0, length));
    }

    private static string Dcmdump(string file, string tag)
    {
        using var process = Process.Start(new ProcessStartInfo("dcmdump", ["+P", tag, "-s", TestCorpus.File(file)]) { RedirectStandardOutput = true })!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var start = output.IndexOf('[') + 1;
        return output[start..output.IndexOf(']', start)];
    }
}
