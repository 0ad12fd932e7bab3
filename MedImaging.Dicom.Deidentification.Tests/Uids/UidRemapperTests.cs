using System.Text;
using MedImaging.Dicom.Deidentification.Uids;

namespace MedImaging.Dicom.Deidentification.Tests.Uids;

public class UidRemapperTests
{
    private static readonly UidRemapper Remapper = new(Encoding.UTF8.GetBytes("test-secret"));

    [Fact]
    public void Matches_an_independent_hmac_computation()
    {
        // python3: '2.25.' + str(int.from_bytes(hmac.new(b'test-secret', b'1.2.840.113619.2.1.1', sha256).digest()[:16], 'big'))
        Assert.Equal("2.25.40286657605768097393747055097365437270", Remapper.Remap("1.2.840.113619.2.1.1"));
    }

    [Fact]
    public void Padding_does_not_change_the_result()
    {
        Assert.Equal(Remapper.Remap("1.2.3.4"), Remapper.Remap("1.2.3.4\0"));
    }

    [Fact]
    public void Different_secrets_and_uids_give_different_results()
    {
        var other = new UidRemapper(Encoding.UTF8.GetBytes("other-secret"));
        Assert.NotEqual(Remapper.Remap("1.2.3.4"), other.Remap("1.2.3.4"));
        Assert.NotEqual(Remapper.Remap("1.2.3.4"), Remapper.Remap("1.2.3.5"));
    }

    [Fact]
    public void Results_are_valid_uids()
    {
        for (var i = 0; i < 500; i++)
        {
            var uid = Remapper.Remap($"1.2.826.0.1.{i}");
            Assert.StartsWith("2.25.", uid);
            Assert.InRange(uid.Length, 6, 64);
            Assert.All(uid, c => Assert.True(char.IsAsciiDigit(c) || c == '.'));
            Assert.True(uid[5] != '0' || uid.Length == 6, "no leading zero");
        }
    }

    [Theory]
    [InlineData("1.2.840.10008.5.1.4.1.1.2", true)]
    [InlineData("1.2.840.113619.2.1", false)]
    public void Standard_uids_are_recognised(string uid, bool expected)
    {
        Assert.Equal(expected, UidRemapper.IsStandardUid(uid));
    }
}
