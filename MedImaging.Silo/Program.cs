using MedImaging.ServiceDefaults;
using MedImaging.Silo.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddGrainRuntime();
builder.AddStudyPipeline();

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();
