using MedImaging.Testing;
using MedImaging.Tools.DicomCodeGen;

namespace MedImaging.Dicom.Tests.Generated;

/// <summary>The committed generated code is exactly what the generator makes from standard/*.tsv today.</summary>
public class GeneratedCodeTests
{
    [Fact]
    public void Committed_generated_files_match_a_fresh_generation()
    {
        foreach (var (file, text) in DicomCodeGenerator.GenerateAll(TestCorpus.StandardDirectory))
        {
            var committed = File.ReadAllText(Path.Combine(TestCorpus.RepositoryRoot, "MedImaging.Dicom", "Generated", file));
            Assert.True(committed == text, $"{file} is stale: run `dotnet run --project tools/DicomCodeGen`");
        }
    }

    [Fact]
    public void Uid_types_in_the_table_all_have_an_enum_member()
    {
        var lines = File.ReadAllLines(Path.Combine(TestCorpus.StandardDirectory, "uids.tsv"));
        foreach (var type in DicomCodeGenerator.UidTypes(lines))
            Assert.True(Enum.TryParse<DicomUidType>(DicomCodeGenerator.TypeMember(type), out _), type);
    }
}
