namespace MedImaging.Dicom.Deidentification.Profile;

/// <summary>
/// An action code as printed in Table E.1-1: a single action ("X") or a compound one ("X/Z/D"),
/// whose alternatives are listed in the table's order.
/// </summary>
public sealed record ActionCode(string Text, IReadOnlyList<ProfileAction> Alternatives)
{
    public bool IsCompound => Alternatives.Count > 1;

    public ProfileAction Single => IsCompound
        ? throw new InvalidOperationException($"Action code {Text} is compound; resolve it first.")
        : Alternatives[0];

    public static ActionCode Parse(string text)
    {
        var parts = text.Split('/');
        var actions = parts.Select(part => part switch
        {
            "X" => ProfileAction.Remove,
            "Z" => ProfileAction.Empty,
            "D" => ProfileAction.Dummy,
            "K" => ProfileAction.Keep,
            "C" => ProfileAction.Clean,
            "U" => ProfileAction.ReplaceUid,
            "U*" when parts.Length > 1 => ProfileAction.KeepReplacingUids,
            _ => throw new FormatException($"Unknown confidentiality profile action code '{text}'."),
        }).ToArray();
        return new ActionCode(text, actions);
    }

    public override string ToString() => Text;
}
