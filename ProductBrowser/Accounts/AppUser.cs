using Microsoft.AspNetCore.Identity;

namespace ProductBrowser.Accounts;

/// <summary>A person who signs in: staff browse, admins also run the cache tools.</summary>
public sealed class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
}
