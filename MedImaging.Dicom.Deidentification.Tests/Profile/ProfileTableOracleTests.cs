using System.Globalization;
using System.Text.RegularExpressions;
using MedImaging.Dicom.Deidentification.Policy;
using MedImaging.Dicom.Deidentification.Tests.Support;
using MedImaging.Testing;

namespace MedImaging.Dicom.Deidentification.Tests.Profile;

/// <summary>
/// The Basic profile checked row by row against PS3.15 Table E.1-1 (standard/confidentiality-profile.tsv), with both
/// sides read by dcmdump, not by our parser and not through the de-identifier's own audit: for every row whose attribute
/// occurs anywhere in a corpus input (nested items included), the output follows the row's action. X: the attribute
/// occurs nowhere in the output. Z, D, U and their X/ alternatives: no original value of the attribute occurs in the
/// output under that tag; where X is no alternative (Z, D, Z/D, U), a top-level attribute stays present; D and U give
/// a non-empty value (where there was one to replace), U a valid UID.
/// </summary>
public partial class ProfileTableOracleTests
{
    public static TheoryData<string> ReadableFiles() => [.. CorpusDeidentification.ReadableFiles()];

    [Theory]
    [MemberData(nameof(ReadableFiles))]
    public void Every_profile_row_that_applies_is_followed(string corpusFile)
    {
        var input = Dcmtk.Dump(TestCorpus.File(corpusFile));
        Assert.True(input.ExitCode == 0, $"dcmdump cannot read {corpusFile}: {input.Errors}");
        var (bytes, _) = CorpusDeidentification.Run(corpusFile, DeidentificationPolicy.Basic);
        var output = Dcmtk.DumpBytes(bytes);
        Assert.True(output.ExitCode == 0, $"dcmdump cannot read our output of {corpusFile}: {output.Errors}");

        var before = Occurrences(input.Output);
        var after = Occurrences(output.Output);
        var violations = new List<string>();
        var applied = 0;
        foreach (var row in Rows.Value)
        {
            var original = before.Where(o => row.Matches(o.Tag)).ToList();
            if (original.Count == 0) continue;
            applied++;
            var written = after.Where(o => row.Matches(o.Tag)).ToList();
            var name = $"{row.Pattern} {row.Name} ({row.Action})";
            if (row.Action == "X")
            {
                if (written.Count > 0) violations.Add($"{name}: still present, {Show(written[0])}");
                continue;
            }
            foreach (var tag in original.Select(o => o.Tag).Distinct())
            {
                var originalValues = original.Where(o => o.Tag == tag && o.Value.Length > 0).Select(o => o.Value).ToHashSet();
                foreach (var kept in written.Where(o => o.Tag == tag && originalValues.Contains(o.Value)))
                    violations.Add($"{name}: original value kept, {Show(kept)}");
                if (row.Action.Contains('X')) continue;
                if (original.Any(o => o.Tag == tag && o.Depth == 0) && !written.Any(o => o.Tag == tag && o.Depth == 0))
                    violations.Add($"{name}: ({tag}) removed, the action keeps it");
                // A sequence's items are not values here; an attribute that was empty has nothing to replace.
                if (original.Any(o => o.Tag == tag && o.IsSequence) || !original.Any(o => o.Tag == tag && o.Depth == 0 && o.Value.Length > 0)) continue;
                foreach (var value in written.Where(o => o.Tag == tag && o.Depth == 0))
                {
                    if (row.Action is "D" or "U" && value.Value.Length == 0) violations.Add($"{name}: empty, the action gives a value");
                    if (row.Action == "U" && !UidValue().IsMatch(value.Value)) violations.Add($"{name}: {Show(value)} is no UID");
                }
            }
        }
        Assert.True(violations.Count == 0, $"{corpusFile}: {applied} rows apply, {violations.Count} not followed:\n{string.Join('\n', violations.Take(30))}");
    }

    [Fact]
    public void The_corpus_exercises_many_rows()
    {
        var rows = new HashSet<string>();
        foreach (var file in CorpusDeidentification.ReadableFiles())
        {
            var dump = Dcmtk.Dump(TestCorpus.File(file));
            Assert.True(dump.ExitCode == 0, dump.Errors);
            var tags = Occurrences(dump.Output).Select(o => o.Tag).ToHashSet();
            foreach (var row in Rows.Value.Where(r => tags.Any(r.Matches))) rows.Add(row.Pattern);
        }
        Assert.True(rows.Count >= 60, $"only {rows.Count} profile rows occur in the corpus");
    }

    private static string Show(Occurrence o) => $"({o.Tag}) at depth {o.Depth} = [{(o.Value.Length > 60 ? o.Value[..60] + "..." : o.Value)}]";

    private sealed record Occurrence(string Tag, int Depth, string Value, bool IsSequence);

    /// <summary>Every element line dcmdump prints (items and delimiters left out), with its nesting depth and value text.</summary>
    private static List<Occurrence> Occurrences(string dump)
    {
        var result = new List<Occurrence>();
        var inDataset = false;
        foreach (var line in dump.Split('\n'))
        {
            if (line.StartsWith("# Dicom-Data-Set", StringComparison.Ordinal)) inDataset = true;
            var match = ElementLine().Match(line);
            if (!inDataset || !match.Success || match.Groups["group"].Value == "fffe") continue;
            var raw = match.Groups["value"].Value.Trim();
            var value = raw.StartsWith('[') && raw.EndsWith(']') ? raw[1..^1].Trim() : raw == "(no value available)" ? "" : raw;
            var isSequence = match.Groups["vr"].Value == "SQ";
            result.Add(new Occurrence($"{match.Groups["group"].Value},{match.Groups["element"].Value}".ToUpperInvariant(),
                match.Groups["indent"].Value.Length / 2, isSequence ? "" : value, isSequence));
        }
        return result;
    }

    private sealed record ProfileRow(string Pattern, string Name, string Action, uint Value, uint Mask, bool AnyPrivate)
    {
        public bool Matches(string tag)
        {
            var number = uint.Parse(tag.Replace(",", ""), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (AnyPrivate) return ((number >> 16) & 1) == 1;
            return (number & Mask) == Value;
        }
    }

    private static readonly Lazy<List<ProfileRow>> Rows = new(() =>
        File.ReadAllLines(Path.Combine(TestCorpus.StandardDirectory, "confidentiality-profile.tsv")).Skip(1).Where(l => l.Length > 0)
            .Select(l => l.Split('\t'))
            .Select(c =>
            {
                uint value = 0, mask = 0;
                var anyPrivate = c[0] == "ggggeeee";
                if (!anyPrivate)
                    foreach (var ch in c[0])
                    {
                        value = (value << 4) | (ch == 'x' ? 0 : uint.Parse(ch.ToString(), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                        mask = (mask << 4) | (ch == 'x' ? 0u : 0xFu);
                    }
                return new ProfileRow(c[0], c[1], c[3], value, mask, anyPrivate);
            })
            .ToList());

    [GeneratedRegex(@"^(?<indent>\s*)\((?<group>[0-9a-f]{4}),(?<element>[0-9a-f]{4})\) (?<vr>[A-Za-z?]{2}) (?<value>.*?)\s+#\s*(\d+|u/l),")]
    private static partial Regex ElementLine();

    [GeneratedRegex(@"^[0-9]+(\.[0-9]+)*$")]
    private static partial Regex UidValue();
}
