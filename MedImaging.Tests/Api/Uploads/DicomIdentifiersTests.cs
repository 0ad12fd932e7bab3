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
        var identifiers = Assert.IsType<HeaderScan.Found>(DicomIdentifiers.Scan(File.ReadAllBytes(TestCorpus.File("ct_vr_un_j2kr.dcm")), isWholeFile: true, Limit));

        Assert.Equal(TestCorpus.Manifest.Single(r => r.File == "ct_vr_un_j2kr.dcm").StudyUid, identifiers.StudyUid);
    }

    public static TheoryData<string> BrokenFiles => new(TestCorpus.Manifest.Where(r => r.IsBroken).Select(r => r.File));

    [Theory]
    [MemberData(nameof(FilesWithStudyUid))]
    public void Reads_the_study_uid_the_manifest_lists(string file)
    {
        var identifiers = Assert.IsType<HeaderScan.Found>(DicomIdentifiers.Scan(File.ReadAllBytes(TestCorpus.File(file)), isWholeFile: true, Limit));

        Assert.Equal(TestCorpus.Manifest.Single(r => r.File == file).StudyUid, identifiers.StudyUid);
        Assert.False(string.IsNullOrEmpty(identifiers.SopInstanceUid));
    }

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public void Never_throws_on_broken_or_truncated_files(string file)
    {
        var bytes = File.ReadAllBytes(TestCorpus.File(file));
        for (var length = 0; length <= bytes.Length; length += Math.Max(1, bytes.Length / 97))
            _ = DicomIdentifiers.Scan(bytes.AsMemory(0, length), isWholeFile: length == bytes.Length, Limit);
    }

    [Fact]
    public void Reads_the_header_from_the_first_part_of_a_file_only()
    {
        var bytes = File.ReadAllBytes(TestCorpus.File("study_knee_s1_01.dcm"));

        Assert.IsType<HeaderScan.Found>(DicomIdentifiers.Scan(bytes.AsMemory(0, bytes.Length / 2), isWholeFile: false, Limit));
    }

    [Fact]
    public void A_header_cut_before_its_identifiers_asks_for_more_unless_the_file_ends_there()
    {
        var bytes = HostileDicom.ManyElements(10_000);

        Assert.IsType<HeaderScan.Incomplete>(DicomIdentifiers.Scan(bytes.AsMemory(0, bytes.Length / 2), isWholeFile: false, Limit));
        Assert.IsType<HeaderScan.Unreadable>(DicomIdentifiers.Scan(bytes.AsMemory(0, bytes.Length / 2), isWholeFile: true, Limit));
        Assert.IsType<HeaderScan.Found>(DicomIdentifiers.Scan(bytes, isWholeFile: true, Limit));
    }

    [Fact]
    public void A_deflate_bomb_is_refused_with_the_inflate_limit()
    {
        var scan = DicomIdentifiers.Scan(HostileDicom.DeflateBomb(16L << 20, valueBytes: 1 << 20), isWholeFile: true, maxInflatedBytes: 1 << 20);

        var refused = Assert.IsType<HeaderScan.Refused>(scan);
        Assert.Equal(UploadProblemTypes.InflateLimit, refused.Rejection.Type);
        Assert.Equal(1 << 20, refused.Rejection.Limit);
    }

    [Theory]
    [InlineData(0xFFFFFFF0u, 1024, 0xFFFFFFF0L)]
    [InlineData(2048u, 1024, 2048L)]
    [InlineData(1024u, 1024, 1024L)]
    public void The_pixel_data_length_gives_where_the_file_must_end(uint declared, int present, long expectedValueBytes)
    {
        var bytes = HostileDicom.PixelDataLongerThanFile(declared, present);

        var found = Assert.IsType<HeaderScan.Found>(DicomIdentifiers.Scan(bytes, isWholeFile: true, Limit));

        Assert.NotNull(found.DeclaredEnd);
        Assert.Equal(bytes.Length - present + expectedValueBytes, found.DeclaredEnd.Bytes);
    }

    private const long Limit = 64L << 20;
}
