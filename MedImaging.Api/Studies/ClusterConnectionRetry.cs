namespace MedImaging.Api.Studies;

/// <summary>
/// The Api may start before any silo (Aspire starts it once one is healthy, but a silo can restart meanwhile): its
/// Orleans client tries again every second for up to a minute before the Api gives up starting.
/// </summary>
public sealed partial class ClusterConnectionRetry(ILogger<ClusterConnectionRetry> logger) : IClientConnectionRetryFilter
{
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(1);
    private readonly DateTime _firstAttempt = DateTime.UtcNow;

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        if (DateTime.UtcNow - _firstAttempt > GiveUpAfter) return false;
        NoSiloYet(logger, exception.GetType().Name);
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        return true;
    }

    [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "No silo answers yet ({ErrorType}); trying again")]
    private static partial void NoSiloYet(ILogger logger, string errorType);
}
