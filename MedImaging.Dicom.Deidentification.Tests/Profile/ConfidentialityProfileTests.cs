using MedImaging.Dicom.Deidentification.Profile;
using MedImaging.Testing;

namespace MedImaging.Dicom.Deidentification.Tests.Profile;

public class ConfidentialityProfileTests
{
    private static readonly ConfidentialityProfile Profile = ConfidentialityProfile.Standard;

    private static string[] TsvDataLines() => File.ReadAllLines(Path.Combine(TestCorpus.StandardDirectory, "confidentiality-profile.tsv"))
        .Skip(1).Where(l => l.Length > 0).ToArray();

    [Fact]
    public void Every_row_of_the_standard_table_is_loaded_in_order()
    {
        var lines = TsvDataLines();
        Assert.Equal(lines.Length, Profile.TableRows.Count);
        Assert.Equal(lines.Select(l => l.Split('\t')[0]), Profile.TableRows.Select(r => r.Tag.Text));
    }

    [Fact]
    public void Basic_profile_code_counts_match_the_standard_readme()
    {
        // standard/README.md: X 384, D 92, U 54, Z 42, X/D 22, X/Z 11, X/Z/D 8, Z/D 6, X/Z/U* 2.
        var counts = Profile.TableRows.GroupBy(r => r.Basic.Text).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(384, counts["X"]);
        Assert.Equal(92, counts["D"]);
        Assert.Equal(54, counts["U"]);
        Assert.Equal(42, counts["Z"]);
        Assert.Equal(22, counts["X/D"]);
        Assert.Equal(11, counts["X/Z"]);
        Assert.Equal(8, counts["X/Z/D"]);
        Assert.Equal(6, counts["Z/D"]);
        Assert.Equal(2, counts["X/Z/U*"]);
    }

    [Fact]
    public void Every_option_cell_of_the_file_is_loaded()
    {
        var header = File.ReadLines(Path.Combine(TestCorpus.StandardDirectory, "confidentiality-profile.tsv")).First().Split('\t');
        var lines = TsvDataLines();
        foreach (var option in Enum.GetValues<ProfileOption>())
        {
            var column = Array.IndexOf(header, option.ColumnName());
            var expected = lines.Select(l => l.Split('\t')).Where(c => c[column].Length > 0).Select(c => (c[0], c[column])).ToList();
            var loaded = Profile.TableRows.Where(r => r.Options.ContainsKey(option)).Select(r => (r.Tag.Text, r.Options[option].Text)).ToList();
            Assert.Equal(expected, loaded);
        }
    }

    [Fact]
    public void Edition_is_the_one_documented_for_the_table()
    {
        var readme = File.ReadAllText(Path.Combine(TestCorpus.StandardDirectory, "README.md"));
        Assert.Contains($"PS3.15 Annex E Table E.1-1, Application Level Confidentiality Profile Attributes, **{ConfidentialityProfile.Edition} edition**", readme);
    }

    [Fact]
    public void Patient_name_is_emptied_and_patient_id_is_compound()
    {
        Assert.Equal("Z", Profile.Find(0x00100010)!.Basic.Text);
        Assert.Equal("Z/D", Profile.Find(0x00100020)!.Basic.Text);
    }

    [Theory]
    [InlineData(0x50000010u, "50xxxxxx")]
    [InlineData(0x50FE2000u, "50xxxxxx")]
    [InlineData(0x60003000u, "60xx3000")]
    [InlineData(0x601E3000u, "60xx3000")]
    [InlineData(0x60024000u, "60xx4000")]
    public void Repeating_groups_match_their_masked_row(uint tag, string row)
    {
        Assert.Equal(row, Profile.Find(tag)!.Tag.Text);
    }

    [Fact]
    public void Overlay_rows_and_geometry_are_distinct()
    {
        Assert.Null(Profile.Find(0x60000010)); // Overlay Rows is not listed: kept
        Assert.Equal("X", Profile.Find(0x60003000)!.Basic.Text);
        Assert.Equal("C", Profile.Find(0x60003000)!.Options[ProfileOption.CleanGraphics].Text);
    }

    [Theory]
    [InlineData(0x00091001u)]
    [InlineData(0x00290010u)]
    [InlineData(0x7FE10010u)]
    public void Odd_groups_map_to_the_private_row(uint tag)
    {
        var row = Profile.Find(tag)!;
        Assert.True(row.Tag.IsPrivateAttributes);
        Assert.Equal("X", row.Basic.Text);
        Assert.Equal("C", row.Options[ProfileOption.RetainSafePrivate].Text);
    }

    [Fact]
    public void Unlisted_standard_tag_has_no_row()
    {
        Assert.Null(Profile.Find(0x00280010)); // Rows
    }

    [Fact]
    public void Study_instance_uid_is_replaced_unless_uids_are_retained()
    {
        var row = Profile.Find(0x0020000D)!;
        Assert.Equal(ProfileAction.ReplaceUid, row.Basic.Single);
        Assert.Equal(ProfileAction.Keep, row.Options[ProfileOption.RetainUids].Single);
    }

    [Fact]
    public void Newer_identity_attributes_from_the_readme_gaps_are_removed()
    {
        uint[] gaps =
        [
            0x00100011, 0x00100012, 0x00100013, 0x00100014, 0x00100015, 0x00100016,
            0x00100041, 0x00100042, 0x00100043, 0x00100044, 0x00100045, 0x00100046, 0x00100047,
            0x00102161, 0x00102162, 0x00081301, 0x00081302, 0x00081303, 0x00081304,
            0x0040A034, 0x0040A035, 0x0040B034, 0x0040B036, 0x0008001D, 0x300A0054,
        ];
        foreach (var tag in gaps)
        {
            Assert.Null(Profile.TableRows.FirstOrDefault(r => r.Tag.IsExact && r.Tag.Value == tag));
            Assert.Equal(ProfileAction.Remove, Profile.Find(tag)!.Basic.Single);
        }
        Assert.Equal(gaps.Length, Profile.SupplementRows.Count);
    }

    [Fact]
    public void Supplement_rows_use_names_of_the_data_dictionary()
    {
        var dictionary = File.ReadLines(Path.Combine(TestCorpus.StandardDirectory, "data-dictionary.tsv"))
            .Select(l => l.Split('\t')).ToDictionary(c => c[0], c => c[4]);
        foreach (var row in Profile.SupplementRows)
            Assert.Equal(dictionary[row.Tag.Text], row.Name);
    }
}
