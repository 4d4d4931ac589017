using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;
using ProductBrowser.Catalog.Lookup;
using ProductBrowser.Components.Lookup;

namespace ProductBrowser.Tests.Components;

public sealed class LookupResultCardTests : BunitContext
{
    private static readonly Gs1Label CaseLabel = new()
    {
        Gtin = "19501101530000",
        Lot = "ABC123",
        Expiry = new DateOnly(2026, 12, 31),
        Serial = "SN0042",
        Count = 1200,
    };

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));

    public LookupResultCardTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton<TimeProvider>(_time);
    }

    [Fact]
    public void ScannedCaseLabelShowsLotExpirySerialAndCount()
    {
        var card = Render<LookupResultCard>(ps => ps.Add(c => c.Product, SampleReads.Product).Add(c => c.Label, CaseLabel));

        Assert.Equal("ABC123", card.Find("[data-field=lot]").TextContent);
        Assert.Equal("31 Dec 2026", card.Find("[data-field=expiry]").TextContent.Trim());
        Assert.Equal("SN0042", card.Find("[data-field=serial]").TextContent);
        Assert.Equal("1,200", card.Find("[data-field=count]").TextContent);
        Assert.Empty(card.FindAll("[data-testid=lookup-expired]"));
    }

    [Theory]
    [InlineData("2027-01-01", true)]
    [InlineData("2026-12-31", false)]
    public void ExpiryBeforeTodayIsMarkedExpired(string today, bool expired)
    {
        _time.SetUtcNow(DateTimeOffset.Parse(today + "T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

        var card = Render<LookupResultCard>(ps => ps.Add(c => c.Product, SampleReads.Product).Add(c => c.Label, CaseLabel));

        var badges = card.FindAll("[data-field=expiry] [data-testid=lookup-expired]");
        Assert.Equal(expired, badges.Count == 1);
        if (expired)
        {
            Assert.Equal("Expired", badges[0].TextContent.Trim());
        }
    }

    [Fact]
    public void LabelFieldsItDoesNotCarryAreLeftOut()
    {
        var card = Render<LookupResultCard>(ps => ps.Add(c => c.Product, SampleReads.Product).Add(c => c.Label, new Gs1Label { Lot = "L7" }));

        Assert.Equal("L7", card.Find("[data-field=lot]").TextContent);
        Assert.Empty(card.FindAll("[data-field=expiry], [data-field=serial], [data-field=count]"));
    }

    [Fact]
    public void PlainScanShowsNoLabelRows()
    {
        var card = Render<LookupResultCard>(ps => ps.Add(c => c.Product, SampleReads.Product));

        Assert.Equal("C-17-4", card.Find("[data-field=bin]").TextContent);
        Assert.Empty(card.FindAll("[data-field=lot], [data-field=expiry], [data-field=serial], [data-field=count]"));
    }
}
