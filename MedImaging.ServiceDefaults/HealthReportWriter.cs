using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MedImaging.ServiceDefaults;

/// <summary>
/// Plain text: the overall status on the first line (what a bare probe reads), then one line per check that is not
/// healthy with its description, so the AppHost can show why. Descriptions name conditions, never study data.
/// </summary>
internal static class HealthReportWriter
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var text = new StringBuilder(report.Status.ToString());
        foreach (var (name, entry) in report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy))
        {
            text.Append('\n').Append(name).Append(": ").Append(entry.Status).Append(' ').Append(entry.Description ?? entry.Exception?.GetType().Name);
        }
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(text.ToString());
    }
}
