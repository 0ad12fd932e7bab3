namespace MedImaging.Cli;

/// <summary>One `medimaging` command. Register it with one line in <see cref="CommandRegistry"/>.</summary>
public interface ICliCommand
{
    /// <summary>The words that select it, e.g. "dump" or "bench parse".</summary>
    string Name { get; }

    /// <summary>Arguments after the name, for the usage text, e.g. "FILE... [--json]".</summary>
    string Usage { get; }

    string Description { get; }

    /// <summary>Runs with the arguments after the name; returns the process exit code.</summary>
    int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error);
}
