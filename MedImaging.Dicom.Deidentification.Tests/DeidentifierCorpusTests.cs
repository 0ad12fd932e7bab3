using MedImaging.Dicom.Deidentification.Audit;
using MedImaging.Dicom.Deidentification.Policy;
using MedImaging.Dicom.Deidentification.Tests.Support;
using MedImaging.Testing;

namespace MedImaging.Dicom.Deidentification.Tests;

/// <summary>The Basic profile over the real corpus, checked against the original values and against dcmtk.</summary>
public class DeidentifierCorpusTests
{
    // Text our own output legitimately contains (dummies, marker values, CID 7050 meanings): an original
    // value found only inside these is not a leak.
    private const string GeneratedVocabulary =
        "ANONYMOUS ANONYMIZED urn:anonymous MedImaging PS3.15 E.1-1 Basic Profile Application Confidentiality YES DCM REMOVED MODIFIED UNMODIFIED";

    public static TheoryData<string> PhiFiles() => [.. CorpusDeidentification.PhiFiles()];

    public static TheoryData<string> ReadableFiles() => [.. CorpusDeidentification.ReadableFiles()];

    [Fact]
    public void Corpus_has_the_expected_phi_files()
    {
        Assert.True(CorpusDeidentification.PhiFiles().Count() >= 11);
    }

    [Theory]
    [MemberData(nameof(PhiFiles))]
    public void No_removed_emptied_or_replaced_value_survives_anywhere_in_the_output(string corpusFile) =>
        AssertNoChangedValueSurvives(corpusFile, DeidentificationPolicy.Basic);

    /// <summary>Modified dates replace every date and time (shifted), the Clean options rewrite text: none of the originals may remain.</summary>
    [Theory]
    [MemberData(nameof(PhiFiles))]
    public void No_changed_value_survives_with_modified_dates_and_the_clean_options(string corpusFile) =>
        AssertNoChangedValueSurvives(corpusFile, DeidentificationPolicy.Basic with
        {
            RetainLongitudinalModifiedDates = true,
            CleanDescriptors = true,
            CleanStructuredContent = true,
            CleanGraphics = true,
        });

    private static void AssertNoChangedValueSurvives(string corpusFile, DeidentificationPolicy policy)
    {
        var original = DicomFile.Open(TestCorpus.File(corpusFile));
        var originalValues = OriginalValues.Collect(original.Dataset);
        var originalPixels = PixelDataBytes.Of(original);

        var (bytes, result) = CorpusDeidentification.Run(corpusFile, policy);
        var searchable = OutputSearch.Searchable(bytes);

        // Cleaned text (action C) keeps its non-identifying words by design; the identities it removes are checked
        // by Known_fake_identities_are_gone_in_every_encoding.
        var changed = result.Audit.Entries
            .Where(e => e.Outcome != AuditOutcome.Kept && !e.Rule.Contains("identifying text removed", StringComparison.Ordinal))
            .Select(e => e.Path).ToHashSet();
        bool Affected(string path) => changed.Contains(path) || changed.Any(p => path.StartsWith(p + "[", StringComparison.Ordinal));
        // A value that the profile keeps in another attribute (e.g. "KNEE" as Body Part Examined) is not a leak.
        var keptTokens = originalValues.Where(v => !Affected(v.Path)).SelectMany(v => OriginalValues.Tokens(v.Value)).ToHashSet();
        var checkedTokens = 0;
        foreach (var (path, value) in originalValues.Where(v => Affected(v.Path)))
        {
            foreach (var token in OriginalValues.Tokens(value).Where(t => t.Length >= 4).Distinct())
            {
                if (keptTokens.Contains(token) || GeneratedVocabulary.Contains(token, StringComparison.Ordinal) || OutputSearch.Contains(originalPixels, token)
                    || IsShortNumber(token))
                    continue;
                checkedTokens++;
                Assert.False(OutputSearch.Contains(searchable, token), $"{corpusFile}: value of {path} ('{token}') still in the output");
            }
        }
        Assert.True(checkedTokens >= 10, $"{corpusFile}: only {checkedTokens} identifying values were checked");
    }

    /// <summary>Numbers under six digits (a house number, a dose) turn up by chance in shifted times ("1200" in "120015").</summary>
    private static bool IsShortNumber(string token) => token.Length < 6 && token.All(char.IsAsciiDigit);

    [Theory]
    [MemberData(nameof(PhiFiles))]
    public void Known_fake_identities_are_gone_in_every_encoding(string corpusFile)
    {
        var searchable = OutputSearch.Searchable(CorpusDeidentification.Run(corpusFile).Bytes);
        var original = DicomFile.Open(TestCorpus.File(corpusFile)).Dataset;
        foreach (var tag in new[] { DicomTag.PatientName, DicomTag.PatientID, DicomTag.PatientBirthDate, DicomTag.AccessionNumber, DicomTag.StudyInstanceUID, DicomTag.SOPInstanceUID })
        {
            var value = original.GetStringOrDefault(tag);
            if (string.IsNullOrWhiteSpace(value) || value.Length < 4)
                continue;
            Assert.False(OutputSearch.Contains(searchable, value), $"{corpusFile}: {tag} survived");
        }
    }

    [Theory]
    [MemberData(nameof(ReadableFiles))]
    public void Pixel_data_is_byte_identical(string corpusFile)
    {
        var original = PixelDataBytes.Of(DicomFile.Open(TestCorpus.File(corpusFile)));
        var (bytes, _) = CorpusDeidentification.Run(corpusFile);
        var output = PixelDataBytes.Of(DicomFile.Read(bytes));
        Assert.Equal(original.Length, output.Length);
        Assert.True(original.AsSpan().SequenceEqual(output), $"{corpusFile}: pixel data changed");
    }

    [Theory]
    [MemberData(nameof(ReadableFiles))]
    public void Same_input_and_secret_give_identical_bytes(string corpusFile)
    {
        var first = CorpusDeidentification.Run(corpusFile).Bytes;
        var second = CorpusDeidentification.Run(corpusFile).Bytes;
        Assert.Equal(first, second);
    }

    [Theory]
    [MemberData(nameof(ReadableFiles))]
    public void Dcmtk_reads_every_output_without_error(string corpusFile)
    {
        var (bytes, result) = CorpusDeidentification.Run(corpusFile);
        var path = Path.Combine(Path.GetTempPath(), $"deid-{Guid.NewGuid():N}.dcm");
        try
        {
            File.WriteAllBytes(path, bytes);
            var (exitCode, output, errors) = Dcmtk.Dump(path);
            Assert.True(exitCode == 0, $"{corpusFile}: dcmdump exit {exitCode}: {errors}");
            Assert.DoesNotContain("E: ", errors);
            Assert.Contains("PatientIdentityRemoved", output);
            Assert.Contains(result.SopInstanceUid, output);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void The_seven_knee_instances_share_one_new_study_and_keep_two_series()
    {
        var knees = TestCorpus.Manifest.Where(r => r.File.StartsWith("study_knee_", StringComparison.Ordinal)).Select(r => r.File).ToList();
        Assert.Equal(7, knees.Count);
        var outputs = knees.Select(f => DicomFile.Read(CorpusDeidentification.Run(f).Bytes).Dataset).ToList();
        var originalStudy = DicomFile.Open(TestCorpus.File(knees[0])).Dataset.GetString(DicomTag.StudyInstanceUID);

        var studies = outputs.Select(d => d.GetString(DicomTag.StudyInstanceUID)).Distinct().ToList();
        var study = Assert.Single(studies);
        Assert.NotEqual(originalStudy, study);
        Assert.StartsWith("2.25.", study);

        var series = outputs.GroupBy(d => d.GetString(DicomTag.SeriesInstanceUID)).Select(g => g.Count()).Order().ToList();
        Assert.Equal([3, 4], series);
        Assert.Equal(7, outputs.Select(d => d.GetString(DicomTag.SOPInstanceUID)).Distinct().Count());
        Assert.Single(outputs.Select(d => d.GetStringOrDefault(DicomTag.FrameOfReferenceUID)).Distinct());
    }
}
