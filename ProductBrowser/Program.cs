using ProductBrowser.Caching;
using ProductBrowser.Catalog;
using ProductBrowser.Components;
using ProductBrowser.Data;
using ProductBrowser.Data.Seeding;
using ProductBrowser.Diagnostics;

var builder = WebApplication.CreateBuilder(args);

builder.AddCatalogData();
builder.AddDemoCatalog();
builder.AddRedisCache();
builder.AddCatalogReads();
builder.AddHealthEndpoints();
builder.AddUserInterface();

var app = builder.Build();

await app.PrepareCatalogAsync();

app.MapHealthEndpoints();
app.UseUserInterface();

await app.RunAsync();

public partial class Program;
