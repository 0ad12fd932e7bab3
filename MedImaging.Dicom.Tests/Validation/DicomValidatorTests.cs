using MedImaging.Dicom.Validation;
using MedImaging.Testing;

namespace MedImaging.Dicom.Tests.Validation;

public class DicomValidatorTests
{
    [Fact]
    public void A_well_formed_ct_has_no_errors()
    {
        var findings = DicomValidator.Validate(DicomFile.Open(TestCorpus.File("ct_ele_14s.dcm")));
        Assert.DoesNotContain(findings, f => f.Severity == DicomValidationSeverity.Error);
    }

    [Fact]
    public void Reports_missing_identifiers_meta_mismatch_bad_uids_long_values_and_odd_lengths()
    {
        var file = DicomFile.Open(TestCorpus.File("ct_ele_14s.dcm"));
        file.Dataset.Remove(DicomTag.Modality);
        file.Dataset.AddOrUpdate(DicomTag.SOPInstanceUID, "1.2.03.4");
        file.Dataset.AddOrUpdate(DicomTag.StationName, new string('S', 20));
        file.Dataset.AddOrUpdate(new DicomElement(DicomTag.Manufacturer, DicomVR.LO, "ABC"u8.ToArray()));
        var findings = DicomValidator.Validate(file);
        Assert.Contains(findings, f => f.Code == "missing-type1" && f.Tag == DicomTag.Modality);
        Assert.Contains(findings, f => f.Code == "meta-mismatch" && f.Tag == DicomTag.MediaStorageSOPInstanceUID);
        Assert.Contains(findings, f => f.Code == "malformed-uid" && f.Tag == DicomTag.SOPInstanceUID);
        Assert.Contains(findings, f => f.Code == "value-too-long" && f.Tag == DicomTag.StationName);
        Assert.Contains(findings, f => f.Code == "odd-length" && f.Tag == DicomTag.Manufacturer);
        Assert.All(findings, f => Assert.DoesNotContain("1.2.03.4", f.ToString()));
    }

    [Fact]
    public void Unknown_character_set_is_a_finding_not_a_crash()
    {
        var file = DicomFile.Open(TestCorpus.File("ct_ele_14s.dcm"));
        file.Dataset.AddOrUpdate(DicomTag.SpecificCharacterSet, "ISO_IR 999");
        file.Dataset.AddOrUpdate(DicomTag.SeriesDescription, "Ab\u00e9");
        var findings = DicomValidator.Validate(file);
        Assert.Contains(findings, f => f.Code == "unknown-charset");
        Assert.Equal("Ab\u00e9", file.Dataset.GetString(DicomTag.SeriesDescription));
    }

    [Fact]
    public void A_raw_dataset_is_reported_as_not_part_10()
    {
        var findings = DicomValidator.Validate(DicomFile.Open(TestCorpus.File("rawds_ele_nometa.dcm")));
        Assert.Contains(findings, f => f.Code == "no-file-meta");
    }
}
