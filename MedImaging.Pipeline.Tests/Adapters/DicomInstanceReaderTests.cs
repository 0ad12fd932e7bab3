using MedImaging.Pipeline.Adapters;
using MedImaging.Pipeline.Analysis;
using MedImaging.Pipeline.Execution;
using MedImaging.Pipeline.Execution.Ports;
using MedImaging.Pipeline.Metadata;
using MedImaging.Pipeline.Steps;
using MedImaging.Pipeline.Tests.Support;
using MedImaging.Testing;

namespace MedImaging.Pipeline.Tests.Adapters;

public class DicomInstanceReaderTests
{
    private readonly CompositeInstanceReader _reader = new(new DicomInstanceReader());

    public static TheoryData<string> ReadableFiles() =>
        new(TestCorpus.Manifest.Where(r => !r.IsBroken && !r.File.EndsWith("DICOMDIR", StringComparison.Ordinal)).Select(r => r.File));

    public static TheoryData<string> BrokenFiles() => new(TestCorpus.Manifest.Where(r => r.IsBroken).Select(r => r.File));

    [Theory]
    [MemberData(nameof(ReadableFiles))]
    public void Header_facts_match_dcmdump(string file)
    {
        var content = File.ReadAllBytes(TestCorpus.File(file));
        var metadata = _reader.ExtractMetadata(content);
        var oracle = DcmDump.Values(TestCorpus.File(file), "0008,0060", "0008,0016", "0018,0015", "0020,000d");

        Assert.Equal(InstanceKind.Dicom, metadata.Kind);
        Assert.Equal(oracle.GetValueOrDefault("0008,0060"), metadata.Modality);
        Assert.Equal(oracle.GetValueOrDefault("0008,0016"), metadata.SopClassUid);
        Assert.Equal(oracle.GetValueOrDefault("0018,0015"), metadata.BodyPartExamined);
        Assert.Equal(oracle.GetValueOrDefault("0020,000d"), metadata.StudyInstanceUid);
    }

    [Theory]
    [InlineData("study_knee_s1_01.dcm")]
    [InlineData("ct_vr_un_j2kr.dcm")]
    [InlineData("rawds_ele_nometa.dcm")]
    public void Validate_and_extract_in_one_run_read_the_header_once_and_answer_as_apart(string file)
    {
        var content = File.ReadAllBytes(TestCorpus.File(file));
        var parses = new RunParses();

        var (kind, findings) = _reader.Validate(content, parses);
        var metadata = _reader.ExtractMetadata(content, parses);

        Assert.Equal(1, parses.Count);
        Assert.Equal(_reader.Validate(content).Kind, kind);
        Assert.Equal(_reader.Validate(content).Findings, findings);
        Assert.Equal(_reader.ExtractMetadata(content), metadata);
    }

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public void Broken_files_fail_permanently_or_report_findings_never_crash(string file)
    {
        var content = File.ReadAllBytes(TestCorpus.File(file));
        try
        {
            var (_, findings) = _reader.Validate(content);
            Assert.All(findings, f => Assert.DoesNotContain("PatientName", f.Message, StringComparison.Ordinal));
        }
        catch (StepFailure failure)
        {
            Assert.Equal(FailureKind.Permanent, failure.Kind);
        }
    }

    [Fact]
    public void Random_bytes_are_unreadable()
    {
        var failure = Assert.Throws<StepFailure>(() => _reader.Validate(File.ReadAllBytes(TestCorpus.File("broken_garbage.dcm"))));
        Assert.Equal("unreadable-dicom", failure.Code);
    }

    [Fact]
    public void A_dataset_without_identifiers_is_invalid()
    {
        var (_, findings) = _reader.Validate(File.ReadAllBytes(TestCorpus.File("rawds_ele_nometa.dcm")));
        Assert.Contains(findings, f => f.Code == "no-file-meta" && f.Severity == ValidationSeverity.Warning);
    }

    [Theory]
    [InlineData("cr_mono1_ele_phi.dcm", ImageClasses.Xray)]
    [InlineData("mg_jpll70_12u.dcm", ImageClasses.Xray)]
    [InlineData("ct_ele_14s.dcm", ImageClasses.Ct)]
    [InlineData("ct_enh_mf2.dcm", ImageClasses.Ct)]
    [InlineData("study_knee_s1_01.dcm", ImageClasses.General)]
    [InlineData("us_rgb_ele_pc0.dcm", ImageClasses.General)]
    public void The_header_analyzer_classifies_corpus_files(string file, string expected)
    {
        var metadata = _reader.ExtractMetadata(File.ReadAllBytes(TestCorpus.File(file)));
        Assert.Equal(expected, HeaderImageAnalyzer.Classify(metadata).Class);
    }
}
