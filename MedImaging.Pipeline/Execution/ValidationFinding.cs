namespace MedImaging.Pipeline.Execution;

/// <summary>A problem found while validating an upload. Messages name tags and offsets, never values.</summary>
public sealed record ValidationFinding(string Code, ValidationSeverity Severity, string Message);

public enum ValidationSeverity
{
    Warning,
    Error,
}
