using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MedImaging.ServiceDefaults;

/// <summary>
/// Stops the service when the process that started it is gone, even if it died by SIGKILL and could not stop its
/// children. The parent (the AppHost) keeps our standard input open and sets <see cref="EnvironmentVariable"/>;
/// when the parent dies the pipe closes and reading it returns end of file.
/// </summary>
internal sealed partial class ParentWatch(IHostApplicationLifetime lifetime, ILogger<ParentWatch> logger) : BackgroundService
{
    public const string EnvironmentVariable = "MEDIMAGING_EXIT_WITH_PARENT";

    public static bool IsRequested => Environment.GetEnvironmentVariable(EnvironmentVariable) == "stdin";

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A dedicated thread: the blocking read must not hold a thread-pool thread for the life of the process.
        var thread = new Thread(() => WaitForEndOfInput(stoppingToken)) { IsBackground = true, Name = "parent-watch" };
        thread.Start();
        return Task.CompletedTask;
    }

    private void WaitForEndOfInput(CancellationToken stoppingToken)
    {
        using var input = Console.OpenStandardInput();
        var buffer = new byte[256];
        try
        {
            while (input.Read(buffer, 0, buffer.Length) > 0) { }
        }
        catch (IOException)
        {
        }
        if (stoppingToken.IsCancellationRequested) return;
        ParentGone(logger);
        lifetime.StopApplication();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The parent process is gone (standard input closed): stopping")]
    private static partial void ParentGone(ILogger logger);
}
