using MedImaging.Aws.StudyQueue;

namespace MedImaging.Silo.Runtime;

/// <summary>Some messages of a turn that saved were not deleted: they will be delivered again.</summary>
public sealed class StudyMessageDeleteException(IReadOnlyList<StudyMessageDeleteFailure> failures)
    : Exception($"{failures.Count} handled message(s) could not be deleted: {failures[0].Error.Message}", failures[0].Error)
{
    public IReadOnlyList<StudyMessageDeleteFailure> Failures { get; } = failures;
}
