using Microsoft.AspNetCore.Diagnostics;

namespace MedImaging.Api.Studies;

/// <summary>Answers <see cref="StudyServiceUnavailableException"/> with 503 problem details and a Retry-After.</summary>
public sealed class StudyServiceUnavailableHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public const string ProblemType = "urn:medimaging:problem:study-service-unavailable";

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not StudyServiceUnavailableException unavailable) return false;
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = "5";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Study service unavailable",
                Detail = unavailable.Message + " Nothing of this request was kept; send it again.",
                Type = ProblemType,
            },
        });
    }
}
