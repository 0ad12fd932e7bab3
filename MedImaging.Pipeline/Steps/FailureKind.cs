namespace MedImaging.Pipeline.Steps;

public enum FailureKind
{
    /// <summary>Worth another attempt: throttling, timeouts, 5xx, a dependency briefly unreachable.</summary>
    Transient,
    /// <summary>Retrying cannot help: unreadable input, an invalid image, a content conflict.</summary>
    Permanent,
}
