using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ProductBrowser.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without configuration or a running server.</summary>
internal sealed class CatalogDbContextDesignFactory : IDesignTimeDbContextFactory<CatalogDbContext>
{
    public CatalogDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<CatalogDbContext>()
            .UseNpgsql("Host=localhost;Database=productbrowser")
            .UseSnakeCaseNamingConvention()
            .Options);
}
