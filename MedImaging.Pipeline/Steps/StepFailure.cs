namespace MedImaging.Pipeline.Steps;

/// <summary>
/// A classified step failure. <see cref="Code"/> is a short machine-readable reason and
/// <see cref="Exception.Message"/> must never carry PHI: it ends up in the timeline and in traces.
/// </summary>
public sealed class StepFailure : Exception
{
    public StepFailure(FailureKind kind, string code, string message, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
        Code = code;
    }

    public FailureKind Kind { get; }

    public string Code { get; }

    public bool IsTransient => Kind == FailureKind.Transient;

    public static StepFailure Transient(string code, string message, Exception? inner = null) =>
        new(FailureKind.Transient, code, message, inner);

    public static StepFailure Permanent(string code, string message, Exception? inner = null) =>
        new(FailureKind.Permanent, code, message, inner);
}
