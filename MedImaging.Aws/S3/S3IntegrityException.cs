namespace MedImaging.Aws.S3;

/// <summary>
/// A downloaded body differs from what S3 announced (its length, or the MD5 its ETag carries): damaged in transit,
/// so an I/O failure that a new attempt may not repeat.
/// </summary>
public sealed class S3IntegrityException(string operation, string reason) : IOException($"S3 {operation}: {reason}")
{
    public string Operation { get; } = operation;
}
