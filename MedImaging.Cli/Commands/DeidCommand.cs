using MedImaging.Dicom;
using MedImaging.Dicom.Deidentification;
using MedImaging.Dicom.Deidentification.Policy;

namespace MedImaging.Cli.Commands;

/// <summary>
/// `medimaging deid FILE... -o DIR [--secret S] [--option NAME]...`: writes one de-identified file per input
/// into DIR, named by its new SOP Instance UID. Without --secret (or MEDIMAGING_DEID_SECRET) a random secret
/// is used, so new UIDs and date offsets are not reproducible across runs. Files are processed on all cores
/// (--threads N to limit); the outputs do not depend on the order.
/// </summary>
public sealed class DeidCommand : ICliCommand
{
    public string Name => "deid";
    public string Usage => "FILE... -o DIR [--secret S] [--option NAME]... [--safe-private CREATOR:gggg:ee]... [--pixel-rule RULE]... [--audit] [--threads N]";
    public string Description => "de-identify (PS3.15 Basic profile + options); --audit writes UID.audit.json beside each output";

    public int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        DeidArguments parsed;
        try
        {
            parsed = DeidArguments.Parse(args);
        }
        catch (ArgumentException e)
        {
            error.WriteLine($"error: {e.Message}");
            error.WriteLine($"usage: medimaging {Name} {Usage}");
            error.WriteLine($"options: {string.Join(", ", PolicyOptionNames.All)}");
            return CommandLine.UsageError;
        }
        if (!parsed.SecretGiven)
            error.WriteLine($"warning: no --secret or {DeidArguments.SecretVariable}: a random secret is used, new UIDs will differ on every run");
        Directory.CreateDirectory(parsed.OutputDirectory);
        var deidentifier = new Deidentifier(parsed.Policy, parsed.Secret);
        var gate = new object();
        return FileBatch.RunParallel(parsed.Inputs, error, path =>
        {
            using var input = PooledFileReader.Open(path);
            DeidentificationResult result;
            try
            {
                result = deidentifier.Deidentify(input.File);
            }
            catch (DeidentificationRefusedException e)
            {
                throw new DicomDataException(e.Message);
            }
            if (result.SopInstanceUid.Length == 0)
                throw new DicomDataException("no SOP Instance UID to name the output after");
            var target = Path.Combine(parsed.OutputDirectory, result.SopInstanceUid + ".dcm");
            var partial = $"{target}.{Path.GetRandomFileName()}.partial";
            try
            {
                result.File.Save(partial);
                File.Move(partial, target, overwrite: true);
            }
            catch
            {
                File.Delete(partial);
                throw;
            }
            if (parsed.WriteAudit)
                File.WriteAllText(Path.Combine(parsed.OutputDirectory, result.SopInstanceUid + ".audit.json"), result.Audit.ToJson());
            var line = $"{path} -> {target}{(result.Audit.BurnedInAnnotationRisk.AtRisk ? " (burned-in annotation risk: " + result.Audit.BurnedInAnnotationRisk.Reason + ")" : "")}";
            lock (gate)
                output.WriteLine(line);
        }, parsed.Threads);
    }
}
