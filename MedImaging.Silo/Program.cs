using MedImaging.ServiceDefaults;
using MedImaging.Silo.DeadLetters;
using MedImaging.Silo.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddStudySilo();
builder.AddStudyPipeline();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapDeadLetterRedrive();

app.Run();
