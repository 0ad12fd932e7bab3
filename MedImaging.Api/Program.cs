using MedImaging.ServiceDefaults;
using MedImaging.Api.Extensions;
using MedImaging.Api.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();

app.MapDefaultEndpoints();
app.MapOpenApi();
app.MapMedImagingApi();
app.MapWebPage();

app.Run();
