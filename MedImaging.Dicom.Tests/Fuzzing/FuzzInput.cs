namespace MedImaging.Dicom.Tests.Fuzzing;

/// <summary>A corpus file prepared for mutation: its bytes and header layout.</summary>
public sealed record FuzzSeedFile(string Name, byte[] Bytes, IReadOnlyList<EncodedHeader> Headers);

/// <summary>One mutated input and how it was made (for the finding report).</summary>
public sealed record FuzzInput(long Seed, string Source, string Mutations, byte[] Bytes);
