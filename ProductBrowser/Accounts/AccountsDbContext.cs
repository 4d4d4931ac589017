using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace ProductBrowser.Accounts;

/// <summary>ASP.NET Core Identity's tables, in the catalog's PostgreSQL database, with their own migrations.</summary>
public sealed class AccountsDbContext(DbContextOptions<AccountsDbContext> options) : IdentityDbContext<AppUser>(options)
{
    public const string MigrationsHistoryTable = "__accounts_migrations_history";

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<AppUser>().Property(u => u.DisplayName).HasMaxLength(100);
    }
}
