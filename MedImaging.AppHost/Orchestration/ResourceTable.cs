using System.Text;

namespace MedImaging.AppHost.Orchestration;

/// <summary>Formats the resource table the AppHost prints once everything is healthy.</summary>
public static class ResourceTable
{
    public static string Format(IEnumerable<ResourceState> resources)
    {
        var rows = resources.ToList();
        var nameWidth = Math.Max(8, rows.Max(r => r.Name.Length) + 2);
        var kindWidth = Math.Max(6, rows.Max(r => r.Kind.Length) + 2);
        var stateWidth = Math.Max(7, rows.Max(r => r.State.Length) + 2);
        var text = new StringBuilder();
        text.AppendLine($"{"resource".PadRight(nameWidth)}{"kind".PadRight(kindWidth)}{"state".PadRight(stateWidth)}url");
        foreach (var row in rows)
        {
            text.AppendLine($"{row.Name.PadRight(nameWidth)}{row.Kind.PadRight(kindWidth)}{row.State.PadRight(stateWidth)}{row.Url ?? "-"}");
        }
        return text.ToString();
    }
}
