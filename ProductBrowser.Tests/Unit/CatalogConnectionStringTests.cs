using Npgsql;
using ProductBrowser.Data;

namespace ProductBrowser.Tests.Unit;

public sealed class CatalogConnectionStringTests
{
    [Fact]
    public void AutomaticPreparationIsOnByDefault()
    {
        var prepared = new NpgsqlConnectionStringBuilder(
            CatalogDataExtensions.WithAutomaticPreparation("Host=db;Database=catalog;Username=app;Password=secret"));

        Assert.Equal(64, prepared.MaxAutoPrepare);
        Assert.Equal(2, prepared.AutoPrepareMinUsages);
        Assert.Equal("db", prepared.Host);
        Assert.Equal("secret", prepared.Password);
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0", 0)]
    [InlineData("Host=db;MaxAutoPrepare=5", 5)]
    public void TheConnectionStringCanTurnItOffOrChangeIt(string connectionString, int expected) =>
        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(CatalogDataExtensions.WithAutomaticPreparation(connectionString)).MaxAutoPrepare);
}
