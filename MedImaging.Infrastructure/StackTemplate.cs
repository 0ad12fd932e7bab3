using Amazon.CDK;

namespace MedImaging.Infrastructure;

/// <summary>Synthesizes the stack to its CloudFormation template (runs jsii on Node: seconds, so callers cache it).</summary>
public static class StackTemplate
{
    public const string StackName = "MedImaging";

    public static MedImagingStack Create(App app, MedImagingStackProps? props = null) =>
        new(app, StackName, props ?? new MedImagingStackProps());

    /// <summary>The template as CloudFormation JSON.</summary>
    public static string Synthesize(MedImagingStackProps? props = null)
    {
        var outdir = Directory.CreateTempSubdirectory("medimaging-cdk-");
        try
        {
            var app = new App(new AppProps { Outdir = outdir.FullName });
            var stack = Create(app, props);
            var assembly = app.Synth();
            return File.ReadAllText(Path.Combine(assembly.Directory, stack.TemplateFile));
        }
        finally
        {
            outdir.Delete(recursive: true);
        }
    }
}
