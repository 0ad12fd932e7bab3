using MedImaging.Dicom;
using MedImaging.Dicom.Validation;

namespace MedImaging.Cli.Commands;

/// <summary>`medimaging validate FILE...`: prints each file's findings; exit 1 when a file has errors, 2 when one is unreadable.</summary>
public sealed class ValidateCommand : ICliCommand
{
    public string Name => "validate";
    public string Usage => "FILE...";
    public string Description => "print validation findings (missing identifiers, meta mismatch, bad UIDs, lengths)";

    public int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        if (args.Count == 0)
        {
            error.WriteLine($"usage: medimaging {Name} {Usage}");
            return CommandLine.UsageError;
        }
        var anyErrors = false;
        var status = FileBatch.Run(args, error, path =>
        {
            var findings = DicomValidator.Validate(DicomFile.Open(path));
            if (findings.Count == 0) output.WriteLine($"{path}: ok");
            foreach (var finding in findings) output.WriteLine($"{path}: {finding}");
            anyErrors |= findings.Any(f => f.Severity == DicomValidationSeverity.Error);
        });
        return status != 0 ? status : anyErrors ? 1 : 0;
    }
}
