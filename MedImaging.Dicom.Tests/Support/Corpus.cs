using MedImaging.Testing;

namespace MedImaging.Dicom.Tests.Support;

/// <summary>Theory data over the committed corpus.</summary>
public static class Corpus
{
    /// <summary>Files dcmtk reads (broken_rawds_nometa is only a dataset without meta, which is allowed).</summary>
    public static TheoryData<string> ReadableFiles() => Data(IsReadable);

    public static TheoryData<string> BrokenFiles() => Data(row => !IsReadable(row));

    public static bool IsReadable(ManifestRow row) => !row.IsBroken || row.Notes.StartsWith("missing meta", StringComparison.Ordinal);

    public static TheoryData<string> AllFiles() => Data(_ => true);

    private static TheoryData<string> Data(Func<ManifestRow, bool> predicate)
    {
        var data = new TheoryData<string>();
        foreach (var row in TestCorpus.Manifest)
            if (predicate(row)) data.Add(row.File);
        return data;
    }
}
