using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Claims;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;
using Xunit;

namespace SignalGen.Identity.Tests;

/// <summary>The application's user type: receivers declare it, with no cast anywhere.</summary>
public sealed class AppUser : IdentityUser
{
    public string? DisplayName { get; set; }
}

public sealed class AppDbContext(DbContextOptions<AppDbContext> options) : IdentityDbContext<AppUser>(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.MapEmailAddresses();
    }
}

/// <summary>Identity's e-mail sender, keeping the messages so tests can follow their links.</summary>
public sealed class MailSink : IEmailSender<AppUser>
{
    public List<(string Email, string Kind, string Content)> Messages { get; } = [];

    public Task SendConfirmationLinkAsync(AppUser user, string email, string confirmationLink)
    {
        Messages.Add((email, "confirm", confirmationLink));
        return Task.CompletedTask;
    }

    public Task SendPasswordResetLinkAsync(AppUser user, string email, string resetLink)
    {
        Messages.Add((email, "reset", resetLink));
        return Task.CompletedTask;
    }

    public Task SendPasswordResetCodeAsync(AppUser user, string email, string resetCode)
    {
        Messages.Add((email, "reset-code", resetCode));
        return Task.CompletedTask;
    }
}

/// <summary>
/// The real Identity stack over a private SQLite database, and a browser of sorts: each
/// <see cref="RequestAsync"/> is one request in its own DI scope, authenticated from the cookies earlier
/// responses set, exactly as the authentication middleware would.
/// </summary>
public sealed class IdentityHost : IAsyncDisposable
{
    public const string Password = "Correct-horse-9";

    private readonly SqliteConnection _connection;
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    /// <param name="configure">Changes to the services before the provider is built (a test's logger, say).</param>
    public IdentityHost(Action<IServiceCollection>? configure = null)
    {
        _connection = new SqliteConnection("DataSource=:memory:");
        _connection.Open();

        var services = new ServiceCollection();
        AddIdentityServices<AppDbContext>(services, _connection);
        services.AddSingleton(Journal);
        services.AddSingleton(Staging);
        services.AddSingleton<IEmailSender<AppUser>>(Mail);
        configure?.Invoke(services);
        Services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });

        using var scope = Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.EnsureCreated();
    }

    public ServiceProvider Services { get; }

    /// <summary>The application's Identity set-up, as docs/identity.md shows it, over <paramref name="connection"/>.</summary>
    public static void AddIdentityServices<TContext>(IServiceCollection services, SqliteConnection connection)
        where TContext : IdentityDbContext<AppUser>
    {
        services.AddLogging();
        services.AddDataProtection();
        services.AddDbContext<TContext>(options => options.UseSqlite(connection));
        services.AddIdentity<AppUser, IdentityRole>(options =>
            {
                options.SignIn.RequireConfirmedAccount = false;
                options.User.RequireUniqueEmail = true;
                options.Stores.SchemaVersion = IdentitySchemaVersions.Version3;
            })
            .AddEntityFrameworkStores<TContext>()
            .AddDefaultTokenProviders()
            .AddSignals<TContext>();
        services.AddSignals();
        // The durable engine's part (DurableStaging.cs): hosts other than IdentityHost get journals of their own.
        services.AddScoped<SignalGen.Durable.IDurableReceiverOutbox, RecordingOutbox<TContext>>();
        Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions.TryAddSingleton<StagingJournal>(services);
        Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions.TryAddSingleton<SignalJournal>(services);
    }

    public SignalJournal Journal { get; } = new();

    public StagingJournal Staging { get; } = new();

    public MailSink Mail { get; } = new();

    /// <summary>
    /// Runs one request: a fresh scope and HttpContext carrying the cookie jar, through the middleware the
    /// services' startup filters add (as the web host runs them); the response's cookies go back in the jar.
    /// </summary>
    public async Task<T> RequestAsync<T>(Func<Request, Task<T>> handle, string method = "POST")
    {
        await using var scope = Services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Method = method;
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("localhost");
        context.Request.Path = "/";
        if (_cookies.Count > 0)
        {
            context.Request.Headers.Cookie = string.Join("; ", _cookies.Select(pair => pair.Key + "=" + pair.Value));
        }

        scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>().HttpContext = context;
        var authenticated = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        if (authenticated.Succeeded)
        {
            context.User = authenticated.Principal!;
        }

        T result = default!;
        await Pipeline(scope.ServiceProvider, async _ => result = await handle(new Request(context, scope.ServiceProvider)))(context);
        foreach (var header in context.Response.Headers.SetCookie)
        {
            var cookie = SetCookieHeaderValue.Parse(header);
            if (cookie.Expires is { } expires && expires < DateTimeOffset.UtcNow)
            {
                _cookies.Remove(cookie.Name.Value!);
            }
            else
            {
                _cookies[cookie.Name.Value!] = cookie.Value.Value!;
            }
        }

        return result;
    }

    public Task RequestAsync(Func<Request, Task> handle, string method = "POST") => RequestAsync(
        async request =>
        {
            await handle(request);
            return true;
        },
        method);

    private static RequestDelegate Pipeline(IServiceProvider services, RequestDelegate endpoint)
    {
        Action<IApplicationBuilder> configure = app => app.Run(endpoint);
        foreach (var filter in services.GetServices<IStartupFilter>().Reverse())
        {
            configure = filter.Configure(configure);
        }

        var builder = new ApplicationBuilder(services);
        configure(builder);
        return builder.Build();
    }

    /// <summary>Creates a user through Identity (as Register does) outside the journal, and signs nobody in.</summary>
    public async Task<string> CreateUserAsync(string email, string? password = Password, bool confirmed = false)
    {
        var id = await RequestAsync(async request =>
        {
            var user = new AppUser { UserName = email, Email = email, EmailConfirmed = confirmed };
            var result = password is null ? await request.Users.CreateAsync(user) : await request.Users.CreateAsync(user, password);
            Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
            return user.Id;
        });
        Journal.Clear();
        return id;
    }

    /// <summary>What an external provider's callback leaves behind: Identity's external cookie with the login.</summary>
    public Task ExternalProviderCallbackAsync(string provider, string key, string email) => RequestAsync(async request =>
    {
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, key), new Claim(ClaimTypes.Email, email), new Claim(ClaimTypes.Name, "Ext " + key)],
            provider);
        var properties = new AuthenticationProperties();
        properties.Items["LoginProvider"] = provider;
        properties.StoreTokens([new AuthenticationToken { Name = "access_token", Value = "token-" + key }]);
        await request.Context.SignInAsync(IdentityConstants.ExternalScheme, new ClaimsPrincipal(identity), properties);
    });

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await _connection.DisposeAsync();
    }
}

/// <summary>One request's context and services.</summary>
public sealed record Request(HttpContext Context, IServiceProvider Services)
{
    public UserManager<AppUser> Users => Services.GetRequiredService<UserManager<AppUser>>();

    public SignInManager<AppUser> SignIn => Services.GetRequiredService<SignInManager<AppUser>>();

    public EmailAddressManager<AppUser> Emails => Services.GetRequiredService<EmailAddressManager<AppUser>>();

    public async Task<AppUser> UserAsync(string id) => await Users.FindByIdAsync(id) ?? throw new InvalidOperationException("No user " + id);
}
