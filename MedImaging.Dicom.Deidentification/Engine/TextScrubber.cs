namespace MedImaging.Dicom.Deidentification.Engine;

/// <summary>
/// Action C on free text: removes every occurrence of the instance's identifying values (names and their
/// components, IDs, accession number, birth date, addresses, institution and station) from a text value.
/// Tokens shorter than three characters are ignored so that initials and sex codes do not erase ordinary words.
/// </summary>
internal sealed class TextScrubber
{
    private static readonly DicomTag[] IdentifyingAttributes =
    [
        DicomTag.PatientName, DicomTag.OtherPatientNames, DicomTag.PatientBirthName, DicomTag.PatientMotherBirthName,
        DicomTag.PatientID, DicomTag.OtherPatientIDs, DicomTag.IssuerOfPatientID, DicomTag.PatientBirthDate,
        DicomTag.AccessionNumber, DicomTag.PatientAddress, DicomTag.PatientTelephoneNumbers,
        DicomTag.ReferringPhysicianName, DicomTag.PerformingPhysicianName, DicomTag.NameOfPhysiciansReadingStudy,
        DicomTag.OperatorsName, DicomTag.RequestingPhysician, DicomTag.MedicalRecordLocator,
        DicomTag.InstitutionName, DicomTag.InstitutionAddress, DicomTag.StationName, DicomTag.StudyID,
    ];

    private static readonly char[] Separators = ['^', '=', ' ', ',', '\\', '/', '-', '.'];

    private readonly string[] _tokens;

    public TextScrubber(IEnumerable<string> tokens) =>
        _tokens = tokens.Where(t => t.Length >= 3).Distinct(StringComparer.OrdinalIgnoreCase).OrderByDescending(t => t.Length).ToArray();

    public static TextScrubber Empty { get; } = new([]);

    public static TextScrubber FromDataset(DicomDataset dataset)
    {
        var tokens = new List<string>();
        foreach (var tag in IdentifyingAttributes)
        {
            if (!dataset.TryGetElement(tag, out var element) || element.Length == 0)
                continue;
            var value = element.GetString(dataset.CharacterSet);
            tokens.Add(value.Trim());
            tokens.AddRange(value.Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }
        return new TextScrubber(tokens);
    }

    public bool IsEmpty => _tokens.Length == 0;

    public string Scrub(string text)
    {
        foreach (var token in _tokens)
            if (text.Contains(token, StringComparison.OrdinalIgnoreCase))
                text = text.Replace(token, "", StringComparison.OrdinalIgnoreCase);
        return text.Trim();
    }
}
