namespace MedImaging.Aws.Dynamo;

/// <summary>
/// A study table item that cannot be read back: a packed record that is truncated, corrupt, of an unknown format or
/// larger than any record we write. The message says what is wrong with the bytes, never what they hold.
/// </summary>
public sealed class StudyItemFormatException(string reason, Exception? inner = null)
    : Exception($"A study table item is unreadable: {reason}.", inner);
