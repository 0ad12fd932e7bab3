using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace MedImaging.Tools.DicomCodeGen;

/// <summary>
/// Turns dcmtk's private.dic (tab-separated: tag, VR, name, VM, version) into standard/private-dictionary.tsv:
/// <c>group creator element vr vm keyword</c>. A group is 4 hex digits or an odd range "6001-o-60FF"; an element is
/// 2 hex digits (any block the creator reserves) or 4 (that element only). dcmtk's own VR codes become PS3.6 strings
/// (ox and px: "OB or OW"). A later row for the same key replaces an earlier one, as in dcmtk.
/// </summary>
public static partial class PrivateDictionaryImporter
{
    public const string Header = "group\tcreator\telement\tvr\tvm\tkeyword";

    public static string Import(IEnumerable<string> dicLines)
    {
        var rows = new Dictionary<(string Creator, string Group, string Element), string>();
        foreach (var line in dicLines)
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var cells = line.Split('\t');
            var match = TagPattern().Match(cells[0]);
            if (!match.Success || cells.Length < 4) throw new FormatException($"unexpected private.dic line: {line}");
            var group = match.Groups["first"].Value.ToUpperInvariant();
            if (match.Groups["last"].Success) group += "-o-" + match.Groups["last"].Value.ToUpperInvariant();
            var (creator, element) = (match.Groups["creator"].Value, match.Groups["element"].Value.ToUpperInvariant());
            var vr = cells[1] is "ox" or "px" ? "OB or OW" : cells[1];
            if (vr.Length != 2 && vr != "OB or OW") throw new FormatException($"unexpected VR in: {line}");
            rows[(creator, group, element)] = $"{group}\t{creator}\t{element}\t{vr}\t{cells[3]}\t{cells[2]}";
        }
        var sb = new StringBuilder(Header).Append('\n');
        foreach (var key in rows.Keys.OrderBy(k => k.Creator, StringComparer.Ordinal).ThenBy(k => k.Group, StringComparer.Ordinal)
                     .ThenBy(k => k.Element, StringComparer.Ordinal))
            sb.Append(rows[key]).Append('\n');
        return sb.ToString();
    }

    internal static (ushort First, ushort Last) Groups(string group) => group.Length == 4
        ? (Hex(group), Hex(group))
        : (Hex(group[..4]), Hex(group[^4..]));

    internal static ushort Hex(string text) => ushort.Parse(text, NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    [GeneratedRegex("""^\((?<first>[0-9A-Fa-f]{4})(-o-(?<last>[0-9A-Fa-f]{4}))?,"(?<creator>[^"]*)",(?<element>[0-9A-Fa-f]{2}|[0-9A-Fa-f]{4})\)$""")]
    private static partial Regex TagPattern();
}
