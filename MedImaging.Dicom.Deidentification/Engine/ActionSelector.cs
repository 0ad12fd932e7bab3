using MedImaging.Dicom.Deidentification.Profile;

namespace MedImaging.Dicom.Deidentification.Engine;

/// <summary>
/// Chooses the action for a standard (even group) attribute: its Table E.1-1 row with the enabled options
/// applied, or the VR rule for unlisted attributes. When several enabled options have a cell for the same row,
/// a K (the user asked to retain it) wins over a C; otherwise the option's code replaces the basic code (E.1.1).
/// Compound codes are then resolved by <see cref="CompoundActionResolver"/>.
/// </summary>
internal static class ActionSelector
{
    public static (ProfileAction Action, string Rule) Select(DicomItem item, DeidentificationContext context, bool nested)
    {
        var row = context.Profile.FindStandard(item.Tag.Value);
        if (row is null)
            return UnlistedAttributeRule.Select(item, context);
        return context.ListedDecisions.GetOrAdd((item.Tag.Value, context.EnhancedIod, nested), _ => Decide(row, item.Tag.Value, context, nested));
    }

    private static (ProfileAction Action, string Rule) Decide(ProfileRow row, uint tag, DeidentificationContext context, bool nested)
    {

        var code = row.Basic;
        var rule = "basic";
        foreach (var (option, optionCode) in row.Options)
        {
            if (!context.Policy.IsEnabled(option))
                continue;
            if (rule == "basic" || optionCode.Alternatives[0] == ProfileAction.Keep)
            {
                code = optionCode;
                rule = "option " + option.ColumnName();
            }
        }
        var action = context.Resolver.Resolve(tag, code, context.EnhancedIod, nested);
        var source = context.Profile.IsSupplement(row) ? "supplement" : "E.1-1";
        var resolved = code.IsCompound ? $"{code}->{ActionLetter(action)}" : code.Text;
        return (action, $"{source} {rule} {resolved}");
    }

    private static string ActionLetter(ProfileAction action) => action switch
    {
        ProfileAction.Remove => "X",
        ProfileAction.Empty => "Z",
        ProfileAction.Dummy => "D",
        ProfileAction.Keep => "K",
        ProfileAction.Clean => "C",
        ProfileAction.ReplaceUid => "U",
        _ => "U*",
    };
}
