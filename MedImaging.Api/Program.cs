using MedImaging.ServiceDefaults;
using MedImaging.Api.Extensions;
using MedImaging.Api.Studies;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();

app.MapDefaultEndpoints();
app.MapStudiesApi();

app.Run();
