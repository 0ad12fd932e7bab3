using MedImaging.Dicom;

namespace MedImaging.Cli.Commands;

/// <summary>`medimaging dump FILE... [--json]`: prints each dataset, like dcmdump (or DICOM JSON).</summary>
public sealed class DumpCommand : ICliCommand
{
    public string Name => "dump";
    public string Usage => "FILE... [--json]";
    public string Description => "print each file's dataset (--json: PS3.18 DICOM JSON, no meta, no pixel data)";

    public int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        var parsed = CliArguments.Parse(args);
        if (parsed.Operands.Count == 0)
        {
            error.WriteLine($"usage: medimaging {Name} {Usage}");
            return CommandLine.UsageError;
        }
        return FileBatch.Run(parsed.Operands, error, path =>
        {
            var file = DicomFile.Open(path);
            if (parsed.Has("--json"))
            {
                output.WriteLine(Dicom.Json.DicomJsonWriter.Write(file.Dataset, Dicom.Json.DicomJsonOptions.WithoutPixelData));
                return;
            }
            output.WriteLine($"# {path}: {file.Format}, {file.TransferSyntax.UID.Name}");
            DumpFormatter.Write(output, file.FileMetaInfo, 0);
            DumpFormatter.Write(output, file.Dataset, 0);
        });
    }
}
