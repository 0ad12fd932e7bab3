using MedImaging.Testing;

namespace MedImaging.Dicom.Imaging.Tests.Oracles;

/// <summary>
/// A corpus file with some attributes changed, saved to scratch: how a test gets a real image carrying an
/// attribute no corpus file has (a Modality LUT Sequence, a LINEAR_EXACT window) for us and dcmtk to render.
/// </summary>
public static class DerivedCorpusFile
{
    public static string Write(string corpusFile, TempDirectory scratch, Action<DicomDataset> edit, DicomWriteOptions? options = null)
    {
        var file = MedImaging.Dicom.DicomFile.Open(TestCorpus.File(corpusFile));
        edit(file.Dataset);
        var path = scratch.File("derived-" + Guid.NewGuid().ToString("N") + "-" + corpusFile);
        file.Save(path, options);
        return path;
    }
}
