using MedImaging.Dicom;
using MedImaging.Dicom.Deidentification.Profile;

namespace MedImaging.Cli.Commands.BenchDeid;

/// <summary>
/// What the peers are told to do, derived from our own Table E.1-1 actions for the benchmark's attributes,
/// so every tool does comparable work: remove (X), empty (Z), dummy (D), new UID (U).
/// </summary>
internal sealed record PeerActions(
    IReadOnlyList<DicomTag> Remove,
    IReadOnlyList<DicomTag> Empty,
    IReadOnlyList<(DicomTag Tag, string Dummy)> Dummy,
    IReadOnlyList<DicomTag> Uids)
{
    public static PeerActions ForBenchmark()
    {
        List<DicomTag> remove = [.. BenchPhi.Sequences], empty = [], uids = [];
        List<(DicomTag, string)> dummy = [];
        foreach (var (tag, vr, _) in BenchPhi.TopLevel)
        {
            var row = ConfidentialityProfile.Standard.FindStandard(tag.Value)
                ?? throw new InvalidOperationException($"{tag} is not in Table E.1-1");
            switch (CompoundActionResolver.Standard.Resolve(tag.Value, row.Basic, enhancedIod: false, nested: false))
            {
                case ProfileAction.Remove: remove.Add(tag); break;
                case ProfileAction.Empty: empty.Add(tag); break;
                case ProfileAction.Dummy: dummy.Add((tag, vr == DicomVR.DA ? "19000101" : vr == DicomVR.TM ? "000000" : "ANONYMIZED")); break;
            }
        }
        uids.AddRange([DicomTag.StudyInstanceUID, DicomTag.SeriesInstanceUID, DicomTag.SOPInstanceUID, DicomTag.FrameOfReferenceUID]);
        return new PeerActions(remove, empty, dummy, uids);
    }
}
