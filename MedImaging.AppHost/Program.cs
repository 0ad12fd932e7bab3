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

var orleans = builder.AddOrleans("studies")
    .WithClustering(new DynamoDBOrleansProvider(aws, "OrleansMembershipTable"))
    .WithReminders(new DynamoDBOrleansProvider(aws, "OrleansReminderTable"));

var silo = builder.AddProject<Projects.MedImaging_Silo>("silo")
    .WithReference(aws).WaitFor(aws)
    .WithReference(orleans).WithLoopbackOrleansEndpoints(!useRealAws)
    .WithReplicas(builder.Configuration.GetValue("silos", 1))
    .WithServiceHealthCheck()
    .WithDeadLetterRedriveCommand();

builder.AddProject<Projects.MedImaging_Api>("api")
    .WithReference(aws).WaitFor(aws)
    .WithReference(orleans.AsClient()).WaitFor(silo)
    .WithServiceHealthCheck()
    .WithUrlsPrintedWhenReady(aws, silo);

builder.Build().Run();
