using Microsoft.Extensions.Options;
using ProductBrowser.Accounts;
using ProductBrowser.Audit;
using ProductBrowser.Caching;
using ProductBrowser.Catalog;
using ProductBrowser.Components;
using ProductBrowser.Data;
using ProductBrowser.Data.Seeding;
using ProductBrowser.Diagnostics;
using ProductBrowser.ScaleOut;

var builder = WebApplication.CreateBuilder(args);

builder.AddCatalogData();
builder.AddAuditTrail();
builder.AddDemoCatalog();
builder.AddRedisCache();
builder.AddCatalogReads();
builder.AddProductApi();
builder.AddHealthEndpoints();
builder.AddAccounts();
builder.AddScaleOut();
builder.AddUserInterface();

var app = builder.Build();

try
{
    await app.PrepareCatalogAsync();
    await app.PrepareAccountsAsync();
    app.ConnectRedis();
}
catch (OptionsValidationException ex)
{
    // A configuration mistake is the operator's to fix: say what is wrong, without a stack trace.
    Console.Error.WriteLine("ProductBrowser cannot start; its configuration is invalid:");
    foreach (var failure in ex.Failures)
    {
        Console.Error.WriteLine($"  - {failure}");
    }

    return 1;
}
catch (AccountConfigurationException ex)
{
    Console.Error.WriteLine($"ProductBrowser cannot start: {ex.Message}");
    return 1;
}
catch (Exception ex) when (CatalogFailures.IsDatabaseFailure(ex))
{
    Console.Error.WriteLine($"ProductBrowser cannot start: PostgreSQL did not answer ({ex.Message}). " +
        "Check ConnectionStrings:Catalog and that the server is running (Database:StartupAttempts sets how long start-up waits).");
    return 1;
}

app.UseInstanceName();
app.UseSecurityHeaders();
app.UseAuthentication();
app.UseAuthorization();
app.MapHealthEndpoints();
app.MapMemoryEndpoint();
app.MapAccountEndpoints();
app.MapProductEndpoints();
app.UseUserInterface();

await app.RunAsync();
return 0;

public partial class Program;
