namespace MedImaging.Tests.TestHosting;

/// <summary>Receives every line a child process writes, tagged with the child's resource name.</summary>
public interface IChildOutputSink
{
    void WriteLine(string resource, string line, bool isError);
}

/// <summary>Forwards child output to this process's console as "name | line".</summary>
public sealed class ConsoleOutputSink : IChildOutputSink
{
    private readonly Lock gate = new();

    public void WriteLine(string resource, string line, bool isError)
    {
        lock (gate)
        {
            (isError ? Console.Error : Console.Out).WriteLine($"{resource,-9}| {line}");
        }
    }
}

/// <summary>Drops child output (each child still keeps its recent lines for error messages).</summary>
public sealed class NullOutputSink : IChildOutputSink
{
    public static readonly NullOutputSink Instance = new();

    public void WriteLine(string resource, string line, bool isError)
    {
    }
}
