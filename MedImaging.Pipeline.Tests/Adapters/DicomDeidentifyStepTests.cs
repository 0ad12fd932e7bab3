using System.Text;
using MedImaging.Dicom;
using MedImaging.Dicom.Deidentification;
using MedImaging.Dicom.Deidentification.Policy;
using MedImaging.Pipeline.Adapters;
using MedImaging.Pipeline.Execution.Ports;
using MedImaging.Testing;

namespace MedImaging.Pipeline.Tests.Adapters;

public class DicomDeidentifyStepTests
{
    private readonly DicomDeidentifyStep _step = new(new Deidentifier(DeidentificationPolicy.Basic, Encoding.UTF8.GetBytes("test-deid-secret")));
    private readonly DicomImageRenderer _renderer = new(maxSize: 4096);

    [Theory]
    [InlineData("study_knee_s1_01.dcm")]
    [InlineData("ct_ele_14s.dcm")]
    [InlineData("cr_mono1_ele_phi.dcm")]
    [InlineData("ct_jls81_14s_phi.dcm")]
    [InlineData("mr_enh_mf10_deflate_phi.dcm")]
    [InlineData("us_rgb_ele_pc1_phi.dcm")]
    public async Task The_written_file_rendered_from_memory_is_the_one_parsed_from_its_bytes(string file)
    {
        var parses = new RunParses();
        var clean = await _step.DeidentifyAsync(File.ReadAllBytes(TestCorpus.File(file)), parses, CancellationToken.None);
        Assert.Equal(1, parses.Count);

        var fromMemory = await _renderer.RenderAsync(clean, parses, CancellationToken.None);
        var fromBytes = await _renderer.RenderAsync(clean.ToArray(), new RunParses(), CancellationToken.None);

        Assert.Equal(1, parses.Count); // the renderer found the written file: it parsed nothing of its own
        Assert.NotNull(fromMemory);
        Assert.Equal(fromBytes!.Value.ToArray(), fromMemory.Value.ToArray());
    }

    [Fact]
    public async Task The_output_is_the_saved_file_and_no_longer_than_it()
    {
        var source = File.ReadAllBytes(TestCorpus.File("study_knee_s1_01.dcm"));
        var clean = await _step.DeidentifyAsync(source, CancellationToken.None);

        var content = clean.ToArray();
        var reread = DicomFile.Read(content);
        Assert.Equal(clean.InstanceUid, reread.Dataset.GetString(DicomTag.SOPInstanceUID).Trim());
        using var saved = new MemoryStream();
        reread.Save(saved);
        Assert.Equal(saved.Length, content.Length);
    }
}
