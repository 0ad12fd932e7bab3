using MedImaging.Pipeline.Analysis;
using MedImaging.Pipeline.Metadata;

namespace MedImaging.Pipeline.Tests.Analysis;

public class HeaderImageAnalyzerTests
{
    [Theory]
    [InlineData("CR", ImageClasses.Xray)]
    [InlineData("DX", ImageClasses.Xray)]
    [InlineData("MG", ImageClasses.Xray)]
    [InlineData("XA", ImageClasses.Xray)]
    [InlineData("RF", ImageClasses.Xray)]
    [InlineData("IO", ImageClasses.Xray)]
    [InlineData("PX", ImageClasses.Xray)]
    [InlineData(" cr ", ImageClasses.Xray)]
    [InlineData("CT", ImageClasses.Ct)]
    [InlineData("MR", ImageClasses.General)]
    [InlineData("NM", ImageClasses.General)]
    [InlineData("US", ImageClasses.General)]
    public void Modality_decides_the_class(string modality, string expected)
    {
        var result = HeaderImageAnalyzer.Classify(Dicom(modality: modality, sopClass: "1.2.840.10008.5.1.4.1.1.7"));
        Assert.Equal(expected, result.Class);
        Assert.Equal("dicom-header", result.Source);
        Assert.Equal("header", result.Analyzer);
        Assert.All(result.Labels, l => Assert.Equal(100, l.Confidence));
    }

    [Theory]
    [InlineData("1.2.840.10008.5.1.4.1.1.2", ImageClasses.Ct)]       // CT Image Storage
    [InlineData("1.2.840.10008.5.1.4.1.1.2.1", ImageClasses.Ct)]     // Enhanced CT
    [InlineData("1.2.840.10008.5.1.4.1.1.1", ImageClasses.Xray)]     // CR
    [InlineData("1.2.840.10008.5.1.4.1.1.1.2", ImageClasses.Xray)]   // Digital Mammography for presentation
    [InlineData("1.2.840.10008.5.1.4.1.1.12.1", ImageClasses.Xray)]  // XA
    [InlineData("1.2.840.10008.5.1.4.1.1.13.1.3", ImageClasses.Xray)] // Breast tomosynthesis
    [InlineData("1.2.840.10008.5.1.4.1.1.7", ImageClasses.General)]  // Secondary Capture
    [InlineData("1.2.840.10008.5.1.4.1.1.20", ImageClasses.General)] // NM
    [InlineData("1.2.840.10008.5.1.4.1.1.128", ImageClasses.General)] // PET: prefix 1.2 must not be read as CT
    public void Without_a_telling_modality_the_sop_class_decides(string sopClass, string expected)
    {
        Assert.Equal(expected, HeaderImageAnalyzer.Classify(Dicom(modality: "OT", sopClass: sopClass)).Class);
        Assert.Equal(expected, HeaderImageAnalyzer.Classify(Dicom(modality: null, sopClass: sopClass)).Class);
    }

    [Fact]
    public void Labels_name_the_class_modality_and_body_part()
    {
        var result = HeaderImageAnalyzer.Classify(Dicom("CR", "1.2.840.10008.5.1.4.1.1.1", bodyPart: "knee"));
        Assert.Equal(["X-Ray", "Modality CR", "Body Part KNEE"], result.Labels.Select(l => l.Name));
        Assert.Equal(100, result.ConfidenceOf("x-ray"));
    }

    [Theory]
    [InlineData(InstanceKind.Jpeg)]
    [InlineData(InstanceKind.Png)]
    public async Task Plain_images_are_unclassified(InstanceKind kind)
    {
        var analyzer = new HeaderImageAnalyzer();
        var result = await analyzer.AnalyzeAsync(
            new AnalysisRequest(new InstanceMetadata { Kind = kind }, new byte[] { 1, 2, 3 }, "image/png", null),
            CancellationToken.None);
        Assert.Equal(ImageClasses.Unclassified, result.Class);
        Assert.Empty(result.Labels);
        Assert.Equal("dicom-header", result.Source);
    }

    internal static InstanceMetadata Dicom(string? modality, string? sopClass, string? bodyPart = null) => new()
    {
        Kind = InstanceKind.Dicom,
        Modality = modality,
        SopClassUid = sopClass,
        BodyPartExamined = bodyPart,
    };
}
