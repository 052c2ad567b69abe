using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using AuthSample.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace AuthSample.Pages.Account.Manage;

/// <summary>What the receivers wrote about the signed-in user: profile, login activity, second-factor use, security log.</summary>
public sealed class IndexModel(UserManager<AppUser> users, AppDbContext db) : PageModel
{
    /// <summary>The primary address.</summary>
    public string? Email { get; private set; }

    /// <summary>Whether it is confirmed.</summary>
    public bool EmailConfirmed { get; private set; }

    /// <summary>The profile created on signup.</summary>
    public Profile? Profile { get; private set; }

    /// <summary>The latest logins.</summary>
    public IReadOnlyList<LoginActivity> Logins { get; private set; } = [];

    /// <summary>The latest second-factor steps.</summary>
    public IReadOnlyList<MfaUse> MfaUses { get; private set; } = [];

    /// <summary>The latest security log entries.</summary>
    public IReadOnlyList<SecurityLogEntry> SecurityLog { get; private set; } = [];

    /// <summary>Loads the rows, newest first.</summary>
    public async Task OnGetAsync()
    {
        var user = await users.GetUserAsync(User) ?? throw new System.InvalidOperationException("The page requires a signed-in user.");
        Email = user.Email;
        EmailConfirmed = user.EmailConfirmed;
        Profile = await db.Profiles.FindAsync(user.Id);
        Logins = await db.LoginActivity.Where(row => row.UserId == user.Id).OrderByDescending(row => row.Id).Take(20).ToListAsync();
        MfaUses = await db.MfaUses.Where(row => row.UserId == user.Id).OrderByDescending(row => row.Id).Take(20).ToListAsync();
        SecurityLog = await db.SecurityLog.Where(row => row.UserId == user.Id).OrderByDescending(row => row.Id).Take(50).ToListAsync();
    }
}
