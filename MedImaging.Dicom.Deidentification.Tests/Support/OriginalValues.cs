using System.Text;

namespace MedImaging.Dicom.Deidentification.Tests.Support;

/// <summary>
/// The text values of an original dataset by audit path ("(0010,1002)[0]/(0010,0020)"), private and nested
/// ones included, so a test can look up what a removed, emptied or replaced attribute held.
/// </summary>
internal static class OriginalValues
{
    public static List<(string Path, string Value)> Collect(DicomDataset dataset)
    {
        var values = new List<(string, string)>();
        Walk(dataset, "", values);
        return values;
    }

    private static void Walk(DicomDataset dataset, string path, List<(string, string)> values)
    {
        foreach (var item in dataset)
        {
            var itemPath = path + item.Tag;
            switch (item)
            {
                case DicomSequence sequence:
                    for (var i = 0; i < sequence.Items.Count; i++)
                        Walk(sequence.Items[i], $"{itemPath}[{i}]/", values);
                    break;
                case DicomElement { BulkData: null } element when element.Length > 0:
                    var text = element.VR.IsString
                        ? element.GetString(dataset.CharacterSet)
                        : Encoding.Latin1.GetString(element.Buffer.Span).TrimEnd('\0', ' ');
                    if (element.VR.IsString || IsPrintable(text))
                        values.Add((itemPath, text));
                    break;
            }
        }
    }

    private static bool IsPrintable(string text) => text.Length > 0 && text.All(c => c is >= ' ' and <= '~');

    /// <summary>The value and its parts (person name components, multiple values, words of an address).</summary>
    public static IEnumerable<string> Tokens(string value)
    {
        yield return value.Trim();
        foreach (var part in value.Split(['^', '=', '\\', ',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            yield return part;
    }
}
