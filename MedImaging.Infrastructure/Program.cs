using Amazon.CDK;
using MedImaging.Infrastructure;

// The CDK app: `cdk deploy --app "dotnet MedImaging.Infrastructure.dll"` runs it. `--print-template [--prefix P]` prints
// the CloudFormation template instead (the AppHost provisions the emulators from it; P prefixes every physical name).
switch (args)
{
    case ["--print-template"]:
        Console.Write(StackTemplate.Synthesize());
        return 0;
    case ["--print-template", "--prefix", var prefix]:
        Console.Write(StackTemplate.Synthesize(new MedImagingStackProps { ResourcePrefix = prefix }));
        return 0;
    case []:
        var app = new App();
        StackTemplate.Create(app);
        app.Synth();
        return 0;
    default:
        Console.Error.WriteLine("usage: MedImaging.Infrastructure [--print-template [--prefix PREFIX]]");
        return 2;
}
