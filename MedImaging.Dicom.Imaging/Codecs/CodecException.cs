namespace MedImaging.Dicom.Imaging.Codecs;

/// <summary>Compressed pixel data that cannot be decoded (corrupt, truncated or unsupported).</summary>
public class CodecException(string codec, string message, Exception? inner = null)
    : Exception($"{codec}: {message}", inner)
{
    public string Codec { get; } = codec;
}
