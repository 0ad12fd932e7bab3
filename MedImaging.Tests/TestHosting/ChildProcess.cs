using System.Diagnostics;

namespace MedImaging.Tests.TestHosting;

/// <summary>
/// A child process whose output is forwarded line by line and whose whole process tree is stopped on dispose:
/// SIGTERM first, then a kill of the tree after a grace period.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private const int RecentLineCount = 40;

    /// <summary>Tells a child to exit when its standard input reaches end of file (the AppHost holds the other end).</summary>
    public const string ExitWithParentVariable = "MEDIMAGING_EXIT_WITH_PARENT";

    private readonly Process process;
    private readonly IChildOutputSink sink;
    private readonly Queue<string> recentLines = new();
    private readonly TaskCompletionSource exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<int> knownDescendants = [];
    private readonly Lock gate = new();

    private ChildProcess(string name, Process process, IChildOutputSink sink)
    {
        Name = name;
        this.process = process;
        this.sink = sink;
    }

    public string Name { get; }

    public int Id => process.Id;

    public bool HasExited => exited.Task.IsCompleted;

    public Task Exited => exited.Task;

    /// <summary>Raised for every output line (after forwarding), e.g. to watch for a readiness banner.</summary>
    public event Action<string>? OutputLine;

    public static ChildProcess Start(ChildProcessSpec spec, IChildOutputSink sink)
    {
        var startInfo = new ProcessStartInfo(spec.FileName)
        {
            WorkingDirectory = spec.WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in spec.Arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in spec.Environment)
        {
            startInfo.Environment[key] = value;
        }
        // Our standard-input pipe closes when we die, however we die; the child watches it (see ParentWatch).
        startInfo.Environment[ExitWithParentVariable] = "stdin";
        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var child = new ChildProcess(spec.Name, process, sink);
        process.OutputDataReceived += (_, e) => child.OnLine(e.Data, isError: false);
        process.ErrorDataReceived += (_, e) => child.OnLine(e.Data, isError: true);
        process.Exited += (_, _) => child.exited.TrySetResult();
        try
        {
            process.Start();
        }
        catch (Exception error)
        {
            throw new ResourceStartException(spec.Name, $"could not start {spec.FileName}: {error.Message}", error);
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>The last lines the child wrote, for error messages.</summary>
    public string RecentOutput()
    {
        lock (gate)
        {
            return string.Join(Environment.NewLine, recentLines);
        }
    }

    public int? ExitCode => HasExited ? process.ExitCode : null;

    /// <summary>The ids of this process and every process below it, as seen now.</summary>
    public IReadOnlyList<int> ProcessTree() => HasExited ? [] : [Id, .. ProcessTreeReader.Descendants(Id)];

    /// <summary>Asks the child to stop (SIGTERM to every process of its tree), then kills what is left after <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (HasExited)
        {
            return;
        }
        var tree = ProcessTree();
        lock (gate)
        {
            knownDescendants.AddRange(tree.Skip(1));
        }
        PosixSignals.Terminate(Id);
        await Task.WhenAny(exited.Task, Task.Delay(grace));
        if (!HasExited)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // exited meanwhile
            }
            await Task.WhenAny(exited.Task, Task.Delay(TimeSpan.FromSeconds(5)));
        }
        KillLeftovers();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(5));
        process.Dispose();
    }

    // Grandchildren re-parented to init when the child exited are still ours to stop.
    private void KillLeftovers()
    {
        int[] leftovers;
        lock (gate)
        {
            leftovers = [.. knownDescendants];
        }
        foreach (var pid in leftovers)
        {
            try
            {
                using var leftover = Process.GetProcessById(pid);
                leftover.Kill(entireProcessTree: true);
            }
            catch (ArgumentException)
            {
                // already gone
            }
            catch (InvalidOperationException)
            {
            }
        }
        // A kill is delivered asynchronously: wait (bounded) until the leftovers are really gone.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (leftovers.Any(ProcessTreeReader.IsAlive) && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(50);
        }
    }

    private void OnLine(string? line, bool isError)
    {
        if (line is null)
        {
            return;
        }
        lock (gate)
        {
            recentLines.Enqueue(line);
            if (recentLines.Count > RecentLineCount)
            {
                recentLines.Dequeue();
            }
        }
        sink.WriteLine(Name, line, isError);
        OutputLine?.Invoke(line);
    }
}
