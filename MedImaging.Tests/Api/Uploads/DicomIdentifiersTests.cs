using MedImaging.Api.Uploads;
using MedImaging.Testing;

namespace MedImaging.Tests.Api.Uploads;

public sealed class DicomIdentifiersTests
{
    // ct_vr_un_j2kr.dcm encodes its UIDs with VR UN; the reader re-reads them as UI (PS3.5 6.2.2), so it is included.
    public static TheoryData<string> FilesWithStudyUid =>
        new(TestCorpus.Manifest.Where(r => !r.IsBroken && r.StudyUid.Length > 0).Select(r => r.File));

    [Fact]
    public void Uids_encoded_as_UN_are_read()
    {
        var identifiers = DicomIdentifiers.TryRead(File.ReadAllBytes(TestCorpus.File("ct_vr_un_j2kr.dcm")));

        Assert.Equal(TestCorpus.Manifest.Single(r => r.File == "ct_vr_un_j2kr.dcm").StudyUid, identifiers?.StudyUid);
    }

    public static TheoryData<string> BrokenFiles => new(TestCorpus.Manifest.Where(r => r.IsBroken).Select(r => r.File));

    [Theory]
    [MemberData(nameof(FilesWithStudyUid))]
    public void Reads_the_study_uid_the_manifest_lists(string file)
    {
        var identifiers = DicomIdentifiers.TryRead(File.ReadAllBytes(TestCorpus.File(file)));

        Assert.NotNull(identifiers);
        Assert.Equal(TestCorpus.Manifest.Single(r => r.File == file).StudyUid, identifiers.Value.StudyUid);
        Assert.False(string.IsNullOrEmpty(identifiers.Value.SopInstanceUid));
    }

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public void Never_throws_on_broken_or_truncated_files(string file)
    {
        var bytes = File.ReadAllBytes(TestCorpus.File(file));
        for (var length = 0; length <= bytes.Length; length += Math.Max(1, bytes.Length / 97))
            _ = DicomIdentifiers.TryRead(bytes.AsMemory(0, length));
    }

    [Fact]
    public void Reads_the_header_from_the_first_part_of_a_file_only()
    {
        var bytes = File.ReadAllBytes(TestCorpus.File("study_knee_s1_01.dcm"));

        Assert.NotNull(DicomIdentifiers.TryRead(bytes.AsMemory(0, bytes.Length / 2)));
    }
}
