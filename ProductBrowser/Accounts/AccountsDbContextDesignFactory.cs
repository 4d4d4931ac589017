using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ProductBrowser.Accounts;

/// <summary>Lets <c>dotnet ef migrations add --context AccountsDbContext</c> build the model without a server.</summary>
internal sealed class AccountsDbContextDesignFactory : IDesignTimeDbContextFactory<AccountsDbContext>
{
    public AccountsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<AccountsDbContext>()
            .UseNpgsql("Host=localhost;Database=productbrowser", o => o.MigrationsHistoryTable(AccountsDbContext.MigrationsHistoryTable))
            .UseSnakeCaseNamingConvention()
            .Options);
}
