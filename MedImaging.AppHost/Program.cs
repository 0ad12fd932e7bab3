using Microsoft.Extensions.Configuration;
using MedImaging.AppHost.Hosting;

// --aws: run against the stack deployed on AWS instead of the local emulators.
var useRealAws = args.Contains("--aws");
var builder = DistributedApplication.CreateBuilder([.. args.Where(a => a != "--aws")]);

var aws = builder.AddAWSCDKStack("aws", builder.Configuration["MedImaging:StackName"] ?? "MedImaging",
    builder.Configuration["MedImaging:Aws:Region"] ?? "us-east-1");
if (!useRealAws)
{
    aws.WithEmulators(builder.AddDynamoDBLocal("dynamodb"), builder.AddFauxqs("fauxqs"));
}

var silo = builder.AddProject<Projects.MedImaging_Silo>("silo")
    .WithReference(aws).WaitFor(aws)
    .WithReplicas(builder.Configuration.GetValue("silos", 1))
    .WithServiceHealthCheck()
    .WithDeadLetterRedriveCommand();

builder.AddProject<Projects.MedImaging_Api>("api")
    .WithReference(aws).WaitFor(aws)
    .WithServiceHealthCheck()
    .WithUrlsPrintedWhenReady(aws, silo);

builder.Build().Run();
