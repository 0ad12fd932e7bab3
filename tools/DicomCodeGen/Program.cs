using MedImaging.Tools.DicomCodeGen;

if (args is ["--import-private", var dic, ..])
{
    // standard/private-dictionary.tsv from dcmtk's private.dic (Debian: /usr/share/libdcmtk17/private.dic).
    var target = Path.Combine(args.Length > 2 ? args[2] : FindRoot(), "standard", "private-dictionary.tsv");
    File.WriteAllText(target, PrivateDictionaryImporter.Import(File.ReadAllLines(dic)));
    Console.WriteLine($"wrote {target}");
    return;
}
var root = args.Length > 0 ? args[0] : FindRoot();
foreach (var (file, text) in DicomCodeGenerator.GenerateAll(Path.Combine(root, "standard")))
{
    var path = Path.Combine(root, "MedImaging.Dicom", "Generated", file);
    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
    File.WriteAllText(path, text);
    Console.WriteLine($"wrote {path}");
}

static string FindRoot()
{
    for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "MedImaging.sln")))
            return dir.FullName;
    throw new InvalidOperationException("run inside the repository");
}
