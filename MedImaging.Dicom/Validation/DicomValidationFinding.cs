namespace MedImaging.Dicom.Validation;

public enum DicomValidationSeverity
{
    Warning,
    Error,
}

/// <summary>One problem found in a dataset. The message never contains element values.</summary>
public sealed record DicomValidationFinding(DicomValidationSeverity Severity, DicomTag? Tag, string Code, string Message)
{
    public override string ToString()
    {
        var where = Tag is { } tag ? $" {tag} {DicomDictionary.Default[tag].Keyword}" : "";
        return $"{(Severity == DicomValidationSeverity.Error ? "error" : "warning")}{where}: {Message} [{Code}]";
    }
}
