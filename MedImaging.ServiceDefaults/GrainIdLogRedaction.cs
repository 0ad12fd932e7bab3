using OpenTelemetry;
using OpenTelemetry.Logs;

namespace MedImaging.ServiceDefaults;

/// <summary>Log records leave the process with study keys in grain ids and object keys hashed (<see cref="GrainIdRedaction.RedactText"/>).</summary>
public sealed class GrainIdLogRedaction : BaseProcessor<LogRecord>
{
    public override void OnEnd(LogRecord data)
    {
        if (data.FormattedMessage is { } message) data.FormattedMessage = GrainIdRedaction.RedactText(message);
        if (data.Body is { } body) data.Body = GrainIdRedaction.RedactText(body);
        if (data.Attributes is { Count: > 0 } attributes)
        {
            data.Attributes = attributes
                .Select(a => a.Value is null or int or long or double or bool ? a : new KeyValuePair<string, object?>(a.Key, GrainIdRedaction.RedactText(a.Value.ToString() ?? "")))
                .ToList();
        }
    }
}
