using Microsoft.Extensions.Logging;

namespace MedImaging.AppHost;

internal static partial class AppHostLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Starting {Resource}")]
    public static partial void Starting(this ILogger logger, string resource);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Resource} is {State} at {Url}")]
    public static partial void ResourceReady(this ILogger logger, string resource, string state, string? url);

    [LoggerMessage(Level = LogLevel.Information, Message = "Template {Source} ({Path}) in {ElapsedMs} ms")]
    public static partial void TemplateLoaded(this ILogger logger, string source, string path, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Provisioned {Type} {LogicalId}: {Outcome} {Reference}")]
    public static partial void Provisioned(this ILogger logger, string type, string logicalId, string outcome, string reference);

    [LoggerMessage(Level = LogLevel.Information, Message = "All resources healthy in {ElapsedSeconds:0.0} s")]
    public static partial void AllHealthy(this ILogger logger, double elapsedSeconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Resource} exited unexpectedly with code {ExitCode}; stopping everything")]
    public static partial void ChildExited(this ILogger logger, string resource, int? exitCode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping every resource")]
    public static partial void Stopping(this ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped")]
    public static partial void Stopped(this ILogger logger);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Start failed: {Reason}")]
    public static partial void StartFailed(this ILogger logger, string reason);
}
