using MedImaging.Dicom;

namespace MedImaging.Cli;

/// <summary>Prints a dataset one element per line, dcmdump style, sequences indented.</summary>
public static class DumpFormatter
{
    private const int MaxShown = 64;

    public static void Write(TextWriter output, DicomDataset dataset, int depth)
    {
        var indent = new string(' ', depth * 2);
        foreach (var item in dataset)
        {
            var keyword = DicomDictionary.Default[item.Tag].Keyword;
            switch (item)
            {
                case DicomSequence sequence:
                    output.WriteLine($"{indent}{item.Tag} SQ ({sequence.Items.Count} items)".PadRight(56) + $"# {keyword}");
                    for (var i = 0; i < sequence.Items.Count; i++)
                    {
                        output.WriteLine($"{indent}  (FFFE,E000) item {i + 1}");
                        Write(output, sequence.Items[i], depth + 2);
                    }
                    break;
                case DicomFragmentSequence fragments:
                    output.WriteLine($"{indent}{item.Tag} {item.VR.Code} (encapsulated: offset table {fragments.OffsetTableData.Length} bytes, {fragments.Fragments.Count} fragments)".PadRight(56) + $"# {keyword}");
                    break;
                case DicomElement element:
                    output.WriteLine($"{indent}{item.Tag} {item.VR.Code} {Value(element, dataset)}".PadRight(56) + $"# {element.Length}, {element.Count} {keyword}");
                    break;
            }
        }
    }

    private static string Value(DicomElement element, DicomDataset dataset)
    {
        if (element.BulkData is not null || element.Length > 256 && !element.VR.IsString) return $"({element.Length} bytes)";
        if (element.Length == 0) return "(no value)";
        if (element.VR == DicomVR.UN || element.VR == DicomVR.SQ) return $"({element.Length} bytes)";
        var text = element.VR.IsString ? element.GetString(dataset.CharacterSet) : element.GetString();
        if (text.Length > MaxShown) text = text[..MaxShown] + "...";
        return element.VR.IsString ? $"[{text}]" : text;
    }
}
