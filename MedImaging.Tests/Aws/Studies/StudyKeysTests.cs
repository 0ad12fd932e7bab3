using MedImaging.Studies;

namespace MedImaging.Tests.Aws.Studies;

public sealed class StudyKeysTests
{
    [Theory]
    [InlineData("1.2.840.10008.1.2", true)]
    [InlineData("2.25.134899623431820889591957761799300653684", true)]
    [InlineData("1.2.08.3", true)] // leading zeros occur in real archives
    [InlineData("1", false)]
    [InlineData("1..2", false)]
    [InlineData("1.2.", false)]
    [InlineData("../etc/passwd", false)]
    [InlineData("1.2 3", false)]
    [InlineData("", false)]
    public void Accepts_only_dicom_uids_as_study_keys(string key, bool valid) => Assert.Equal(valid, StudyKeys.IsValid(key));

    [Fact]
    public void Rejects_uids_over_64_characters() => Assert.False(StudyKeys.IsValid("1." + new string('2', 63)));

    [Fact]
    public void New_upload_ids_are_valid_and_distinct()
    {
        var ids = Enumerable.Range(0, 100).Select(_ => StudyKeys.NewUploadId()).ToList();

        Assert.All(ids, id => Assert.True(StudyKeys.IsUploadId(id)));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void Log_references_are_stable_and_do_not_contain_the_uid()
    {
        const string uid = "2.25.134899623431820889591957761799300653684";

        Assert.Equal(StudyKeys.LogRef(uid), StudyKeys.LogRef(uid));
        Assert.Matches("^s-[0-9a-f]{12}$", StudyKeys.LogRef(uid));
        Assert.NotEqual(StudyKeys.LogRef(uid), StudyKeys.LogRef(uid + "1"));
    }
}
