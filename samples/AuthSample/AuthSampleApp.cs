using System;
using System.IO;
using AuthSample.Data;
using AuthSample.DevProvider;
using AuthSample.Mail;
using AuthSample.Receivers;
using JasperFx.CodeGeneration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Wolverine;
using Wolverine.Sqlite;

namespace AuthSample;

/// <summary>
/// Builds the sample: Program.cs runs it, the browser tests start it on a loopback port with their own database.
/// </summary>
public static class AuthSampleApp
{
    /// <summary>
    /// Creates the app with its services and pipeline, and creates or migrates its SQLite database.
    /// </summary>
    /// <param name="args">Command-line arguments (configuration).</param>
    /// <param name="configure">Changes to the builder before services are added (tests set the URL, the database and the environment).</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // The pages are compiled into this assembly, which is not the entry assembly when tests host the app.
            ApplicationName = typeof(AuthSampleApp).Assembly.GetName().Name,
        });
        configure?.Invoke(builder);

        var services = builder.Services;
        var connectionString = builder.Configuration.GetConnectionString("AuthSample")
            ?? "Data Source=" + Path.Combine(AppContext.BaseDirectory, "authsample.db");
        services.AddDbContext<AppDbContext>(options => options.UseSqlite(connectionString));

        services.AddIdentity<AppUser, IdentityRole>(options =>
            {
                options.User.RequireUniqueEmail = true;
                // Verification is optional to log in (allauth's "optional"); the premium trial waits for it.
                options.SignIn.RequireConfirmedAccount = false;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders()
            .AddSignals<AppDbContext>();
        services.AddSignals();

        // Durable receivers (the welcome mail) run on Wolverine, its messages in the app's own SQLite file.
        services.AddSignalGenDurableReceivers<AppDbContext>();
        builder.UseWolverine(options =>
        {
            options.PersistMessagesWithSqlite(connectionString);
            options.Durability.Mode = DurabilityMode.Solo;
            options.CodeGeneration.TypeLoadMode = TypeLoadMode.Static;
            options.Discovery.DisableConventionalDiscovery();

            // After a restart, run what the previous process left at once, not 0.5-5 s later.
            options.Durability.ScheduledJobFirstExecution = TimeSpan.Zero;
        });

        // Every request checks the security stamp, so renewing it signs out other sessions at once. That costs a
        // user read per request; a busy app would pick a short interval instead of none.
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.Zero);
        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/Account/Login";
            options.LogoutPath = "/Account/Logout";
            options.AccessDeniedPath = "/Account/Login";
        });

        services.AddSingleton(TimeProvider.System);
        services.AddScoped<IEmailSender<AppUser>, MailSink>();
        services.AddDistributedMemoryCache();
        services.AddSession(options =>
        {
            options.Cookie.HttpOnly = true;
            options.Cookie.IsEssential = true;
        });
        services.AddRazorPages(options => options.Conventions.AuthorizeFolder("/Account/Manage"));

        // The mail sink page (everyone's reset links) and the login provider inside the app (log in as anyone
        // it knows) are development tools: on in Development unless turned off, never in any other environment.
        var tools = new DevelopmentTools(builder.Environment.IsDevelopment() && builder.Configuration.GetValue("AuthSample:DevelopmentTools", true));
        services.AddSingleton(tools);
        services.AddSingleton<DevProviderCodes>();
        if (tools.Enabled)
        {
            services.AddAuthentication().AddDevProvider();
        }

        var app = builder.Build();
        using (var scope = app.Services.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.Migrate();
        }

        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error");
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        app.UseSession();
        app.UseReferrals();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapRazorPages();
        return app;
    }
}

/// <summary>Whether the development mail sink and login provider are on: only in the Development environment, unless <c>AuthSample:DevelopmentTools</c> is false.</summary>
/// <param name="Enabled">True when they are.</param>
public sealed record DevelopmentTools(bool Enabled);
