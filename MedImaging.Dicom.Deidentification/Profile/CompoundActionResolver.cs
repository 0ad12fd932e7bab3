using System.Reflection;

namespace MedImaging.Dicom.Deidentification.Profile;

/// <summary>
/// Resolves compound codes (Z/D, X/Z, X/D, X/Z/D, X/Z/U*) to one action, following PS3.15 E.1.1:
/// the code names the action for a Type 3, Type 2 and Type 1 attribute, so the resolver needs the
/// attribute's type in the IOD of the instance. That comes from Profile/compound-action-requirements.tsv,
/// a small hand-maintained table (one row per compound-coded tag of Table E.1-1, a test keeps it complete)
/// giving the strongest type of the attribute in the IODs we handle, separately for the classic image IODs
/// and for the enhanced multi-frame / document IODs (Enhanced CT/MR/US/XA/PET, SR, SEG), where
/// Content Date/Time, Acquisition DateTime, Device Serial Number and Acquisition Context Sequence are required.
/// Rule: Type 3 -> X (or Z when the code has no X); Type 2 -> Z (or D); Type 1 -> D (or U* keeping the
/// reference sequence with replaced UIDs). Inside a sequence item, X/Z/U* reference sequences are kept with
/// replaced UIDs, because there they are part of macros (derivation, functional groups) that require them.
/// </summary>
public sealed class CompoundActionResolver
{
    private readonly Dictionary<uint, (IodAttributeType Classic, IodAttributeType Enhanced)> _types;

    public static CompoundActionResolver Standard { get; } = new(ReadEmbedded());

    public CompoundActionResolver(IReadOnlyDictionary<uint, (IodAttributeType Classic, IodAttributeType Enhanced)> types)
        => _types = new(types);

    public IReadOnlyCollection<uint> KnownTags => _types.Keys;

    public ProfileAction Resolve(uint tag, ActionCode code, bool enhancedIod, bool nested)
    {
        if (!code.IsCompound)
            return code.Single;
        bool has(ProfileAction action) => code.Alternatives.Contains(action);
        if (nested && has(ProfileAction.KeepReplacingUids))
            return ProfileAction.KeepReplacingUids;
        var type = _types.TryGetValue(tag, out var t) ? (enhancedIod ? t.Enhanced : t.Classic) : IodAttributeType.Type1;
        return type switch
        {
            IodAttributeType.Type3 when has(ProfileAction.Remove) => ProfileAction.Remove,
            IodAttributeType.Type3 or IodAttributeType.Type2 when has(ProfileAction.Empty) => ProfileAction.Empty,
            _ when has(ProfileAction.KeepReplacingUids) => ProfileAction.KeepReplacingUids,
            _ when has(ProfileAction.Dummy) => ProfileAction.Dummy,
            _ => code.Alternatives[^1],
        };
    }

    private static Dictionary<uint, (IodAttributeType, IodAttributeType)> ReadEmbedded()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("compound-action-requirements.tsv")
            ?? throw new InvalidOperationException("compound-action-requirements.tsv is missing.");
        using var reader = new StreamReader(stream);
        reader.ReadLine();
        var types = new Dictionary<uint, (IodAttributeType, IodAttributeType)>();
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            if (line.Length == 0)
                continue;
            var cells = line.Split('\t');
            types[Convert.ToUInt32(cells[0], 16)] = ((IodAttributeType)int.Parse(cells[2]), (IodAttributeType)int.Parse(cells[3]));
        }
        return types;
    }
}
