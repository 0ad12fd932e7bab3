namespace MedImaging.Cli.Benchmarking;

/// <summary>The machine's load averages (1, 5, 15 minutes) as /proc/loadavg gives them, for a bench's header line.</summary>
public static class MachineLoad
{
    public static string Describe()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
