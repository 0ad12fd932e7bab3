namespace MedImaging.Cli;

/// <summary>Selects the command whose name matches the most leading words, and runs it.</summary>
public static class CommandLine
{
    public const int UsageError = 64;

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        ICliCommand? best = null;
        var bestWords = 0;
        foreach (var command in CommandRegistry.All)
        {
            var words = command.Name.Split(' ');
            if (words.Length > args.Count || words.Length <= bestWords) continue;
            var matches = true;
            for (var i = 0; i < words.Length; i++)
                matches &= string.Equals(words[i], args[i], StringComparison.Ordinal);
            if (matches) (best, bestWords) = (command, words.Length);
        }
        if (best is null)
        {
            WriteUsage(args.Count > 0 && args[0] is not ("-h" or "--help" or "help") ? error : output);
            return args.Count > 0 && args[0] is "-h" or "--help" or "help" ? 0 : UsageError;
        }
        return best.Run(args.Skip(bestWords).ToList(), output, error);
    }

    private static void WriteUsage(TextWriter writer)
    {
        writer.WriteLine("usage: medimaging COMMAND [ARGS]");
        foreach (var command in CommandRegistry.All)
            writer.WriteLine($"  {command.Name} {command.Usage}".PadRight(48) + command.Description);
    }
}
