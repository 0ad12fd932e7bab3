using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using OpenTelemetry;

namespace MedImaging.ServiceDefaults;

/// <summary>
/// Orleans tags its spans with grain ids, and a study grain's id holds its StudyInstanceUID. Before a span leaves the
/// process, the key part of every such tag is replaced by a short hash, the log reference the services use elsewhere.
/// </summary>
public sealed class GrainIdRedaction : BaseProcessor<Activity>
{
    private static readonly string[] GrainIdTags = ["orleans.rpc.target_id", "orleans.rpc.source_id", "orleans.grain.id"];

    public override void OnEnd(Activity data)
    {
        foreach (var tag in GrainIdTags)
        {
            if (data.GetTagItem(tag) is string id) data.SetTag(tag, Redact(id));
        }
    }

    /// <summary>"type/key" becomes "type/s-" + the key's hash; anything without a key part is hashed whole.</summary>
    public static string Redact(string grainId)
    {
        var slash = grainId.IndexOf('/', StringComparison.Ordinal);
        var (type, key) = slash < 0 ? ("", grainId) : (grainId[..(slash + 1)], grainId[(slash + 1)..]);
        return type + "s-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)).AsSpan(0, 6));
    }
}
