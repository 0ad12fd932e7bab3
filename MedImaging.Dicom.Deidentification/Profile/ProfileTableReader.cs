using System.Reflection;

namespace MedImaging.Dicom.Deidentification.Profile;

/// <summary>Parses tables laid out like standard/confidentiality-profile.tsv (embedded resources).</summary>
internal static class ProfileTableReader
{
    public static IReadOnlyList<ProfileRow> ReadEmbedded(string resourceName)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"Embedded table {resourceName} is missing.");
        using var reader = new StreamReader(stream);
        return Read(reader, resourceName);
    }

    public static IReadOnlyList<ProfileRow> Read(TextReader reader, string source)
    {
        var header = (reader.ReadLine() ?? throw new FormatException($"{source} is empty.")).Split('\t');
        int Column(string name) => Array.IndexOf(header, name) is var i and >= 0
            ? i
            : throw new FormatException($"{source} has no column {name}.");

        var tag = Column("tag");
        var name = Column("name");
        var retired = Column("retired");
        var basic = Column("basic_profile");
        var inIod = Column("in_std_comp_iod");
        var options = Enum.GetValues<ProfileOption>().Select(o => (o, Column(o.ColumnName()))).ToArray();

        var rows = new List<ProfileRow>();
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            if (line.Length == 0)
                continue;
            var cells = line.Split('\t');
            if (cells.Length != header.Length)
                throw new FormatException($"{source}: row '{cells[0]}' has {cells.Length} cells, expected {header.Length}.");
            var optionCodes = options
                .Where(o => cells[o.Item2].Length > 0)
                .ToDictionary(o => o.o, o => ActionCode.Parse(cells[o.Item2]));
            rows.Add(new ProfileRow(
                TagPattern.Parse(cells[tag]),
                cells[name],
                cells[retired] == "Y",
                ActionCode.Parse(cells[basic]),
                optionCodes,
                cells[inIod] == "Y"));
        }
        return rows;
    }
}
