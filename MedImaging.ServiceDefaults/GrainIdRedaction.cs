using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using OpenTelemetry;

namespace MedImaging.ServiceDefaults;

/// <summary>
/// Orleans tags its spans, and writes its log lines, with grain ids, and a study grain's id holds its StudyInstanceUID
/// (an upload id for plain images). Before a span leaves the process its grain-id tags have their key part replaced by
/// a short hash, the log reference the services use elsewhere; <see cref="RedactText"/> does the same in log text.
/// </summary>
public sealed partial class GrainIdRedaction : BaseProcessor<Activity>
{
    private static readonly string[] GrainIdTags = ["orleans.rpc.target_id", "orleans.rpc.source_id", "orleans.grain.id"];

    public override void OnEnd(Activity data)
    {
        foreach (var tag in GrainIdTags)
        {
            if (data.GetTagItem(tag) is { } id) data.SetTag(tag, Redact(id.ToString() ?? ""));
        }
    }

    /// <summary>"type/key" becomes "type/s-" + the key's hash; anything without a key part is hashed whole.</summary>
    public static string Redact(string grainId)
    {
        var slash = grainId.IndexOf('/', StringComparison.Ordinal);
        var (type, key) = slash < 0 ? ("", grainId) : (grainId[..(slash + 1)], grainId[(slash + 1)..]);
        return type + LogRef(key);
    }

    /// <summary>Every "type/key" in <paramref name="text"/> whose key is a study key (a DICOM UID or an upload id), hashed.</summary>
    public static string RedactText(string text) =>
        text.Contains('/', StringComparison.Ordinal) ? KeyedId().Replace(text, m => m.Groups["type"].Value + "/" + LogRef(m.Groups["key"].Value)) : text;

    private static string LogRef(string key) => "s-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)).AsSpan(0, 6));

    [GeneratedRegex(@"(?<type>\b[A-Za-z][A-Za-z0-9.]*)/(?<key>(?:[0-9]+(?:\.[0-9]+)+|u[0-9a-f]{32})(?:/(?:[0-9]+(?:\.[0-9]+)+|u[0-9a-f]{32}))?)")]
    private static partial Regex KeyedId();
}
