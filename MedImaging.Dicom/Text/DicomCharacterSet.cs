using System.Text;

namespace MedImaging.Dicom.Text;

/// <summary>
/// Decodes and encodes text values according to Specific Character Set (0008,0005).
/// Unknown terms do not fail a read: they are reported through <see cref="UnknownTerms"/> and decoded as Latin-1.
/// </summary>
public sealed class DicomCharacterSet
{
    private static readonly Encoding Latin1 = Encoding.Latin1;

    private DicomCharacterSet(string[] terms, Encoding primary, IReadOnlyList<string> unknown, bool usesCodeExtensions)
    {
        Terms = terms;
        Primary = primary;
        UnknownTerms = unknown;
        UsesCodeExtensions = usesCodeExtensions;
    }

    /// <summary>The default repertoire (ISO IR 6). Bytes above 0x7F are kept as Latin-1 so nothing is lost.</summary>
    public static DicomCharacterSet Default { get; } = new([], Latin1, [], false);

    public IReadOnlyList<string> Terms { get; }
    public Encoding Primary { get; }

    /// <summary>Defined terms this library does not know; a validation finding, not an error.</summary>
    public IReadOnlyList<string> UnknownTerms { get; }

    public bool UsesCodeExtensions { get; }

    public static DicomCharacterSet FromTerms(IReadOnlyList<string> values)
    {
        if (values.Count == 0 || (values.Count == 1 && values[0].Length == 0)) return Default;
        var terms = new string[values.Count];
        var unknown = new List<string>();
        Encoding? primary = null;
        var extensions = false;
        for (var i = 0; i < values.Count; i++)
        {
            var term = values[i].Trim();
            terms[i] = term;
            if (term.StartsWith("ISO 2022", StringComparison.Ordinal)) extensions = true;
            var encoding = DicomCharacterSetRegistry.Lookup(term);
            if (encoding is null && term.Length > 0) unknown.Add(term);
            if (i == 0 || (primary is null && term.Length > 0)) primary = encoding;
        }
        return new DicomCharacterSet(terms, primary ?? Latin1, unknown, extensions || terms.Length > 1);
    }

    public string Decode(ReadOnlySpan<byte> bytes, DicomVR vr)
    {
        if (bytes.IsEmpty) return string.Empty;
        if (IsAscii(bytes)) return Encoding.ASCII.GetString(bytes);
        if (!AffectedBySpecificCharacterSet(vr)) return Latin1.GetString(bytes);
        return UsesCodeExtensions ? Iso2022Decoder.Decode(bytes, this, vr) : Primary.GetString(bytes);
    }

    public byte[] Encode(string text, DicomVR vr)
    {
        if (Ascii.IsValid(text)) return Encoding.ASCII.GetBytes(text);
        if (!AffectedBySpecificCharacterSet(vr)) return Latin1.GetBytes(text);
        return Primary.GetBytes(text);
    }

    /// <summary>PS3.5 6.1.2.3: only SH, LO, UC, ST, LT, UT and PN use the specific character set.</summary>
    public static bool AffectedBySpecificCharacterSet(DicomVR vr) =>
        vr == DicomVR.PN || vr == DicomVR.LO || vr == DicomVR.SH || vr == DicomVR.ST || vr == DicomVR.LT || vr == DicomVR.UT || vr == DicomVR.UC;

    private static bool IsAscii(ReadOnlySpan<byte> bytes)
    {
        if (!Ascii.IsValid(bytes)) return false;
        return bytes.IndexOf((byte)0x1B) < 0;
    }
}
