using MedImaging.Dicom.Deidentification.Profile;

namespace MedImaging.Dicom.Deidentification.Tests.Profile;

public class CompoundActionResolverTests
{
    private static readonly CompoundActionResolver Resolver = CompoundActionResolver.Standard;

    [Fact]
    public void Every_compound_coded_row_has_a_requirement()
    {
        var compound = ConfidentialityProfile.Standard.TableRows.Where(r => r.Basic.IsCompound).Select(r => r.Tag.Value).ToHashSet();
        Assert.Equal(compound.Order(), Resolver.KnownTags.Order());
    }

    [Fact]
    public void Every_compound_row_resolves_to_one_of_its_alternatives()
    {
        foreach (var row in ConfidentialityProfile.Standard.TableRows.Where(r => r.Basic.IsCompound))
            foreach (var enhanced in new[] { false, true })
                foreach (var nested in new[] { false, true })
                    Assert.Contains(Resolver.Resolve(row.Tag.Value, row.Basic, enhanced, nested), row.Basic.Alternatives);
    }

    [Fact]
    public void Type_2_patient_id_is_emptied()
    {
        Assert.Equal(ProfileAction.Empty, Resolver.Resolve(0x00100020, ActionCode.Parse("Z/D"), enhancedIod: false, nested: false));
    }

    [Fact]
    public void Content_date_gets_a_dummy_where_the_enhanced_iods_require_it()
    {
        var code = ActionCode.Parse("Z/D");
        Assert.Equal(ProfileAction.Empty, Resolver.Resolve(0x00080023, code, enhancedIod: false, nested: false));
        Assert.Equal(ProfileAction.Dummy, Resolver.Resolve(0x00080023, code, enhancedIod: true, nested: false));
    }

    [Fact]
    public void Type_3_institution_name_is_removed()
    {
        Assert.Equal(ProfileAction.Remove, Resolver.Resolve(0x00080080, ActionCode.Parse("X/Z/D"), enhancedIod: true, nested: false));
    }

    [Fact]
    public void Reference_sequences_are_removed_at_top_level_and_kept_with_new_uids_inside_items()
    {
        var code = ActionCode.Parse("X/Z/U*");
        Assert.Equal(ProfileAction.Remove, Resolver.Resolve(0x00082112, code, enhancedIod: false, nested: false));
        Assert.Equal(ProfileAction.KeepReplacingUids, Resolver.Resolve(0x00082112, code, enhancedIod: false, nested: true));
    }

    [Fact]
    public void Single_codes_pass_through()
    {
        Assert.Equal(ProfileAction.ReplaceUid, Resolver.Resolve(0x0020000D, ActionCode.Parse("U"), enhancedIod: false, nested: true));
    }
}
