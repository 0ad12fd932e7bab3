namespace MedImaging.Aws.S3;

/// <summary>
/// A downloaded body cannot be what S3 announced (a length beyond one array): an I/O failure, as a body damaged in
/// transit is.
/// </summary>
public sealed class S3IntegrityException(string operation, string reason) : IOException($"S3 {operation}: {reason}")
{
    public string Operation { get; } = operation;
}
