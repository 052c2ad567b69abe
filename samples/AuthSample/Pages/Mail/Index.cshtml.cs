using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using AuthSample.Data;
using AuthSample.Mail;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace AuthSample.Pages.Mail;

/// <summary>The development mail sink: every message "sent", with its link. Not found outside development.</summary>
public sealed class MailModel(AppDbContext db, DevelopmentTools tools) : PageModel
{
    /// <summary>The latest messages.</summary>
    public IReadOnlyList<SentEmail> Messages { get; private set; } = [];

    /// <summary>Lists them, or 404 when the development tools are off.</summary>
    public async Task<IActionResult> OnGetAsync()
    {
        if (!tools.Enabled)
        {
            return NotFound();
        }

        Messages = await db.SentEmails.OrderByDescending(message => message.Id).Take(100).ToListAsync();
        return Page();
    }
}
