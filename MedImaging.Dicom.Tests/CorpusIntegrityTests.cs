using System.Security.Cryptography;
using MedImaging.Testing;

namespace MedImaging.Dicom.Tests;

public class CorpusIntegrityTests
{
    [Fact]
    public void Every_manifest_row_matches_its_committed_file()
    {
        Assert.Equal(74, TestCorpus.Manifest.Count);
        foreach (var row in TestCorpus.Manifest)
        {
            var hash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(TestCorpus.File(row.File))));
            Assert.True(hash == row.Sha256, $"{row.File}: sha256 {hash} != manifest {row.Sha256}");
        }
    }
}
