namespace MedImaging.Tests.TestHosting;

/// <summary>How to start one child process of the distributed app.</summary>
public sealed record ChildProcessSpec(string Name, string FileName, IReadOnlyList<string> Arguments, string WorkingDirectory)
{
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
}
