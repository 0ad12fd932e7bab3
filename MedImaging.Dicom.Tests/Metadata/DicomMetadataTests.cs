using MedImaging.Dicom.Metadata;
using MedImaging.Testing;

namespace MedImaging.Dicom.Tests.Metadata;

public class DicomMetadataTests
{
    [Fact]
    public void Extracts_every_record_from_a_file_with_phi()
    {
        var file = DicomFile.Open(TestCorpus.File("cr_mono1_ele_phi.dcm"));
        var metadata = DicomMetadata.From(file);
        Assert.Equal(file.Dataset.GetString(DicomTag.StudyInstanceUID), metadata.Study.StudyInstanceUid);
        Assert.Equal("CR", metadata.Series.Modality);
        Assert.Equal(DicomUID.Parse(file.Dataset.GetString(DicomTag.SOPClassUID)).Name, metadata.Instance.SopClassName);
        Assert.Equal(440, metadata.ImagePixel!.Rows);
        Assert.Equal("MONOCHROME1", metadata.ImagePixel.PhotometricInterpretation);
        Assert.Equal(440L * 440 * 2, metadata.ImagePixel.FrameLength);
        Assert.NotNull(metadata.Patient.PatientName);
    }

    [Theory]
    [InlineData("cr_mono1_ele_phi.dcm")]
    [InlineData("us_rgb_ele_pc1_phi.dcm")]
    [InlineData("ct_jls81_14s_phi.dcm")]
    [InlineData("mg_jpll70_12u.dcm")]
    public void ToString_shows_no_patient_identifiers(string name)
    {
        var file = DicomFile.Open(TestCorpus.File(name));
        var metadata = DicomMetadata.From(file);
        var text = string.Join("\n", metadata.ToString(), metadata.Patient, metadata.Study, metadata.Series, metadata.Instance, metadata.Equipment);
        foreach (var tag in new[] { DicomTag.PatientName, DicomTag.PatientID, DicomTag.PatientBirthDate, DicomTag.AccessionNumber,
                     DicomTag.StudyInstanceUID, DicomTag.SOPInstanceUID, DicomTag.InstitutionName, DicomTag.ReferringPhysicianName })
        {
            if (!file.Dataset.TryGetString(tag, out var value) || value.Length < 3) continue;
            foreach (var part in value.Split('^', '='))
                if (part.Trim().Length >= 3) Assert.DoesNotContain(part.Trim(), text);
        }
    }
}
