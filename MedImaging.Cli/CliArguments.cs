namespace MedImaging.Cli;

/// <summary>Splits arguments into --flags and operands.</summary>
public sealed record CliArguments(IReadOnlySet<string> Flags, IReadOnlyList<string> Operands)
{
    public static CliArguments Parse(IReadOnlyList<string> args)
    {
        var flags = new HashSet<string>(StringComparer.Ordinal);
        var operands = new List<string>();
        foreach (var arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal) && arg.Length > 2) flags.Add(arg);
            else operands.Add(arg);
        }
        return new CliArguments(flags, operands);
    }

    public bool Has(string flag) => Flags.Contains(flag);
}
