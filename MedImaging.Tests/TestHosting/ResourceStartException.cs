namespace MedImaging.Tests.TestHosting;

/// <summary>A resource failed to start; the message says which one and why.</summary>
public class ResourceStartException(string resource, string reason, Exception? inner = null)
    : Exception($"{resource}: {reason}", inner)
{
    public string Resource { get; } = resource;
}
