using Microsoft.Extensions.Options;
using ProductBrowser;
using ProductBrowser.Accounts;
using ProductBrowser.Caching;
using ProductBrowser.Catalog;
using ProductBrowser.Components;
using ProductBrowser.Data;
using ProductBrowser.Data.Seeding;
using ProductBrowser.Diagnostics;
using ProductBrowser.ScaleOut;

var builder = WebApplication.CreateBuilder(args);

builder.AddTelemetry();
builder.AddCatalogBackend();
builder.AddProductApi();
builder.AddAccounts();
builder.AddScaleOut();
builder.AddCircuitPersistence();
builder.AddUserInterface();

var app = builder.Build();

try
{
    // Every option is validated here, before anything reads one, so a mistake ends in a message, not a stack trace.
    app.Services.GetRequiredService<IStartupValidator>().Validate();
    await app.PrepareCatalogAsync();
    await app.SeedDemoCatalogAsync();
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
catch (InvalidOperationException ex) when (ex.InnerException is FormatException or OverflowException or ArgumentException)
{
    // A setting whose text is not a value of its type (a TimeSpan, a number): the binder names the setting.
    Console.Error.WriteLine("ProductBrowser cannot start; its configuration is invalid:");
    Console.Error.WriteLine($"  - {ex.Message}");
    return 1;
}
catch (AccountConfigurationException ex)
{
    Console.Error.WriteLine($"ProductBrowser cannot start: {ex.Message}");
    return 1;
}
catch (Exception ex) when (DatabaseFailures.IsDatabaseFailure(ex))
{
    Console.Error.WriteLine($"ProductBrowser cannot start: PostgreSQL did not answer ({ex.Message}). " +
        "Check ConnectionStrings:Catalog and that the server is running (Database:StartupAttempts sets how long start-up waits).");
    return 1;
}

// First, so an exception anywhere after it becomes the error page, not a bare 500.
app.UseErrorPage();
app.UseMetricsPortIsolation();
app.UseInstanceName();
app.UseNoNewCircuitsWhileStopping();
app.UseSecurityHeaders();
app.UseAuthentication();
app.UseAuthorization();
app.MapTelemetryEndpoints();
app.MapHealthEndpoints();
app.MapMemoryEndpoint();
app.MapAccountEndpoints();
app.MapProductEndpoints();
app.UseUserInterface();

await app.RunAsync();
return 0;

public partial class Program;
