using System.Text;

namespace MedImaging.Dicom.Validation;

/// <summary>
/// Checks a file for problems that matter to ingestion: missing Type 1 identifying attributes, meta group
/// disagreeing with the dataset, malformed UIDs, values longer than their VR allows, odd lengths, unknown character sets.
/// </summary>
public static class DicomValidator
{
    private static readonly DicomTag[] RequiredIdentifiers =
        [DicomTag.SOPClassUID, DicomTag.SOPInstanceUID, DicomTag.StudyInstanceUID, DicomTag.SeriesInstanceUID, DicomTag.Modality];

    public static IReadOnlyList<DicomValidationFinding> Validate(DicomFile file)
    {
        var findings = new List<DicomValidationFinding>();
        var dataset = file.Dataset;
        foreach (var tag in RequiredIdentifiers)
            if (!dataset.TryGetString(tag, out var value) || value.Length == 0)
                findings.Add(new(DicomValidationSeverity.Error, tag, "missing-type1", "required identifying attribute is missing or empty"));
        ValidateMeta(file, findings);
        ValidateDataset(dataset, findings, depth: 0);
        return findings;
    }

    private static void ValidateMeta(DicomFile file, List<DicomValidationFinding> findings)
    {
        if (file.Format == DicomFileFormat.RawDataset)
        {
            findings.Add(new(DicomValidationSeverity.Warning, null, "no-file-meta", "no preamble, 'DICM' or File Meta Information: not a Part 10 file"));
            return;
        }
        var meta = file.FileMetaInfo;
        if (meta.TransferSyntax is null)
            findings.Add(new(DicomValidationSeverity.Error, DicomTag.TransferSyntaxUID, "meta-missing", "file meta has no transfer syntax"));
        Compare(meta.MediaStorageSOPClassUID, file.Dataset.GetStringOrDefault(DicomTag.SOPClassUID), DicomTag.MediaStorageSOPClassUID, findings);
        Compare(meta.MediaStorageSOPInstanceUID, file.Dataset.GetStringOrDefault(DicomTag.SOPInstanceUID), DicomTag.MediaStorageSOPInstanceUID, findings);
        if (meta.TransferSyntax is { IsKnown: false })
            findings.Add(new(DicomValidationSeverity.Warning, DicomTag.TransferSyntaxUID, "unknown-transfer-syntax", "transfer syntax is not in the registry"));
    }

    private static void Compare(string? inMeta, string? inDataset, DicomTag metaTag, List<DicomValidationFinding> findings)
    {
        if (string.IsNullOrEmpty(inMeta))
            findings.Add(new(DicomValidationSeverity.Error, metaTag, "meta-missing", "file meta attribute is missing"));
        else if (!string.IsNullOrEmpty(inDataset) && inMeta != inDataset)
            findings.Add(new(DicomValidationSeverity.Error, metaTag, "meta-mismatch", "file meta disagrees with the dataset"));
    }

    private static void ValidateDataset(DicomDataset dataset, List<DicomValidationFinding> findings, int depth)
    {
        if (depth == 0 || dataset.Contains(DicomTag.SpecificCharacterSet))
            foreach (var term in dataset.CharacterSet.UnknownTerms)
                findings.Add(new(DicomValidationSeverity.Warning, DicomTag.SpecificCharacterSet, "unknown-charset",
                    $"character set term not supported, text decoded as Latin-1 ({term.Length} chars)"));
        foreach (var item in dataset)
        {
            switch (item)
            {
                case DicomSequence sequence:
                    foreach (var child in sequence.Items) ValidateDataset(child, findings, depth + 1);
                    break;
                case DicomElement element:
                    ValidateElement(dataset, element, findings);
                    break;
            }
        }
    }

    private static void ValidateElement(DicomDataset dataset, DicomElement element, List<DicomValidationFinding> findings)
    {
        var vr = element.VR;
        if ((element.Length & 1) == 1)
            findings.Add(new(DicomValidationSeverity.Warning, element.Tag, "odd-length", "value length is odd"));
        if (element.BulkData is not null || !vr.IsString || element.Length == 0) return;
        var values = element.GetStrings(dataset.CharacterSet);
        if (vr == DicomVR.UI)
        {
            foreach (var uid in values)
                if (uid.Length > 0 && !DicomUID.IsValid(uid))
                    findings.Add(new(DicomValidationSeverity.Error, element.Tag, "malformed-uid", "UID is not a valid dotted-decimal UID of at most 64 characters"));
            return;
        }
        if (vr.MaximumLength == 0) return;
        foreach (var value in values)
        {
            // PN limits each component group; text VRs count characters, the others bytes.
            var length = vr == DicomVR.PN ? MaxGroupLength(value) : vr == DicomVR.LT || vr == DicomVR.ST ? value.Length : Encoding.UTF8.GetByteCount(value);
            if (length > vr.MaximumLength)
            {
                findings.Add(new(DicomValidationSeverity.Warning, element.Tag, "value-too-long", $"a value has {length} characters, {vr.Code} allows {vr.MaximumLength}"));
                break;
            }
        }
    }

    private static int MaxGroupLength(string value)
    {
        var max = 0;
        foreach (var group in value.Split('=')) max = Math.Max(max, group.Length);
        return max;
    }
}
