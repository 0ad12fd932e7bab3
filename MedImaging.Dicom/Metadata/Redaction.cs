namespace MedImaging.Dicom.Metadata;

/// <summary>How ToString() mentions a value that may identify someone: only whether it is there.</summary>
internal static class Redaction
{
    public static string Mark(object? value) => value is null or "" ? "-" : "<present>";
}
