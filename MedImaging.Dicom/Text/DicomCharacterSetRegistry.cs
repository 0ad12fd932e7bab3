using System.Text;

namespace MedImaging.Dicom.Text;

/// <summary>Maps Specific Character Set defined terms (PS3.3 C.12.1.1.2) to .NET encodings.</summary>
internal static class DicomCharacterSetRegistry
{
    static DicomCharacterSetRegistry() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Encoding? Lookup(string term) => term switch
    {
        "" or "ISO_IR 6" or "ISO 2022 IR 6" => Encoding.Latin1,
        "ISO_IR 100" or "ISO 2022 IR 100" => Encoding.Latin1,
        "ISO_IR 101" or "ISO 2022 IR 101" => Get(28592),
        "ISO_IR 109" or "ISO 2022 IR 109" => Get(28593),
        "ISO_IR 110" or "ISO 2022 IR 110" => Get(28594),
        "ISO_IR 144" or "ISO 2022 IR 144" => Get(28595),
        "ISO_IR 127" or "ISO 2022 IR 127" => Get(28596),
        "ISO_IR 126" or "ISO 2022 IR 126" => Get(28597),
        "ISO_IR 138" or "ISO 2022 IR 138" => Get(28598),
        "ISO_IR 148" or "ISO 2022 IR 148" => Get(28599),
        "ISO_IR 203" or "ISO 2022 IR 203" => Get(28605),
        "ISO_IR 13" or "ISO 2022 IR 13" => Get(932),
        "ISO_IR 166" or "ISO 2022 IR 166" => Get(874),
        "ISO 2022 IR 87" or "ISO 2022 IR 159" => Get(50222),
        "ISO 2022 IR 149" => Get(949),
        "ISO 2022 IR 58" => Get(936),
        "ISO_IR 192" => Encoding.UTF8,
        "GB18030" => Get(54936),
        "GBK" => Get(936),
        _ => null,
    };

    private static Encoding Get(int codePage) => Encoding.GetEncoding(codePage);
}
