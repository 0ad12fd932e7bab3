using MedImaging.Tools.DicomCodeGen;

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
