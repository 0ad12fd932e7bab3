using MedImaging.Dicom.Deidentification.Policy;
using MedImaging.Dicom.Deidentification.Tests.Support;

namespace MedImaging.Dicom.Deidentification.Tests.Engine;

public class RecognizableVisualFeaturesTests
{
    private static readonly DeidentificationPolicy Gate = DeidentificationPolicy.Basic with { CleanRecognizableVisualFeatures = true };

    private static DicomDataset Image(string modality, string? bodyPart, string description = "ROUTINE")
    {
        var dataset = Datasets.Ct();
        dataset.AddOrUpdate(DicomVR.CS, DicomTag.Modality, modality);
        dataset.AddOrUpdate(DicomVR.LO, DicomTag.StudyDescription, description);
        if (bodyPart is not null)
            dataset.AddOrUpdate(DicomVR.CS, DicomTag.BodyPartExamined, bodyPart);
        dataset.AddOrUpdate(new DicomElement(DicomTag.PixelData, DicomVR.OW, new byte[32]));
        return dataset;
    }

    [Theory]
    [InlineData("CT", "HEAD")]
    [InlineData("MR", "BRAIN")]
    [InlineData("CT", null)]
    [InlineData("XC", "CHEST")]
    [InlineData("VL", null)]
    public void Instances_that_may_show_a_face_are_refused_with_the_evidence_and_no_identifying_value(string modality, string? bodyPart)
    {
        var refused = Assert.Throws<DeidentificationRefusedException>(() => Datasets.Deidentify(Image(modality, bodyPart), Gate));
        Assert.Contains(modality, refused.Reason);
        Assert.DoesNotContain("DOE", refused.Message);
        Assert.DoesNotContain("PAT-001", refused.Message);
    }

    [Fact]
    public void A_head_named_only_in_the_description_is_refused_without_quoting_it()
    {
        var refused = Assert.Throws<DeidentificationRefusedException>(() => Datasets.Deidentify(Image("CT", "", "CT HEAD for DOE"), Gate));
        Assert.DoesNotContain("DOE", refused.Message);
    }

    [Theory]
    [InlineData("CT", "CHEST")]
    [InlineData("CR", null)]
    [InlineData("MR", "KNEE")]
    public void Other_instances_pass_without_claiming_the_option(string modality, string? bodyPart)
    {
        var result = Datasets.Deidentify(Image(modality, bodyPart), Gate);
        Assert.False(result.Audit.RecognizableVisualFeaturesRisk.AtRisk);
        Assert.Contains("refuse_recognizable_visual_features", result.Audit.Options);
        var codes = result.File.Dataset.GetSequence(DicomTag.DeidentificationMethodCodeSequence)!.Items.Select(i => i.GetString(DicomTag.CodeValue));
        Assert.DoesNotContain("113102", codes);
    }

    [Fact]
    public void Without_the_option_the_risk_is_only_reported()
    {
        var result = Datasets.Deidentify(Image("MR", "HEAD"));
        Assert.True(result.Audit.RecognizableVisualFeaturesRisk.AtRisk);
        Assert.Contains("HEAD", result.Audit.RecognizableVisualFeaturesRisk.Reason);
    }
}
