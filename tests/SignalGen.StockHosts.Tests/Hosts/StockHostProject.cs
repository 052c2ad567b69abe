using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using SignalGen.StockHosts.Tests.Infrastructure;
using SignalGen.Testing;

namespace SignalGen.StockHosts.Tests.Hosts;

/// <summary>
/// One app made from an SDK template as a user makes it, with SignalGen.Identity installed and wired by
/// docs/identity.md's "Set up" steps, and the tests' own app code (signal journal, captured mail, test OAuth
/// provider) added as any user adds code. Built once; <see cref="Output"/> is what runs.
/// </summary>
public sealed partial class StockHostProject
{
    private readonly ConcurrentQueue<(string Step, TimeSpan Took)> _timings = new();

    private StockHostProject(HostKind kind, PackageLine line, string directory)
    {
        Kind = kind;
        Line = line;
        Directory = directory;
    }

    public HostKind Kind { get; }

    public PackageLine Line { get; }

    /// <summary>The project folder.</summary>
    public string Directory { get; }

    public string Name => Kind + "Host";

    /// <summary>The built app: the folder of the dll that runs.</summary>
    public string Output => Path.Combine(Directory, "bin", "Debug", "net10.0");

    /// <summary>The database dotnet ef database update made; every run gets a copy of its own.</summary>
    public string Database => Path.Combine(Directory, Kind == HostKind.Blazor ? Path.Combine("Data", "app.db") : "app.db");

    /// <summary>What each step took, in order.</summary>
    public IReadOnlyList<(string Step, TimeSpan Took)> Timings => _timings.ToList();

    public TimeSpan Total => _timings.Aggregate(TimeSpan.Zero, (sum, timing) => sum + timing.Took);

    /// <summary>Makes, wires and builds the app in a folder of <paramref name="workRoot"/>, which holds the nuget.config naming the feed.</summary>
    public static async Task<StockHostProject> CreateAsync(HostKind kind, PackageLine line, string workRoot, LocalPackageFeed feed, CancellationToken cancellationToken)
    {
        var project = new StockHostProject(kind, line, Path.Combine(workRoot, kind + "Host"));
        await project.GenerateAsync(cancellationToken);
        await project.InstallSignalGenAsync(feed, cancellationToken);
        await project.RunAsync("build", ["build", "-nologo", "-nodeReuse:false", "--disable-build-servers"], cancellationToken);
        project.CheckResolvedVersions();
        return project;
    }

    /// <summary>The app as a user has it before SignalGen: the template, its Microsoft.* packages on this line, and the tests' own code.</summary>
    private async Task GenerateAsync(CancellationToken cancellationToken)
    {
        string[] template = Kind switch
        {
            HostKind.Razor => ["new", "webapp", "--auth", "Individual"],
            HostKind.Blazor => ["new", "blazor", "--auth", "Individual"],
            _ => ["new", "webapi"],
        };
        await RunAsync("dotnet new", [.. template, "-n", Name, "-o", Directory, "--no-restore"], Path.GetDirectoryName(Directory)!, cancellationToken);
        if (Kind == HostKind.Api)
        {
            AddIdentityApi();
        }

        PinMicrosoftPackages(DependencyVersions.Of(Line));
        CopyHostFiles("Common");
        if (Kind != HostKind.Api)
        {
            CopyHostFiles("OAuth");
        }

        // The receivers name the app's own user type through this alias, so one receiver file serves every app.
        var userType = Kind == HostKind.Blazor ? "BlazorHost.Data.ApplicationUser" : "Microsoft.AspNetCore.Identity.IdentityUser";
        File.WriteAllText(Path.Combine(Directory, "StockHostUser.cs"), $"global using StockHostUser = {userType};\n");
        AddTestAppCode();
    }

    /// <summary>
    /// The ASP.NET Core docs' MapIdentityApi set-up on the webapi template, with SQLite (the templates' database), an
    /// initial migration and the docs' log-out endpoint.
    /// </summary>
    private void AddIdentityApi()
    {
        var csproj = Path.Combine(Directory, Name + ".csproj");
        var packages = string.Join(
            Environment.NewLine,
            new[] { "Microsoft.AspNetCore.Identity.EntityFrameworkCore", "Microsoft.EntityFrameworkCore.Sqlite" }
                .Select(id => $"    <PackageReference Include=\"{id}\" Version=\"10.0.12\" />")
                .Append("    <PackageReference Include=\"Microsoft.EntityFrameworkCore.Design\" Version=\"10.0.12\" PrivateAssets=\"all\" />"));
        Edit(csproj, "  </ItemGroup>", packages + Environment.NewLine + "  </ItemGroup>", before: false, replace: true);
        CopyHostFiles("Api", "Data");

        // Its initial migration, as the other templates ship theirs: made once with dotnet ef migrations add
        // CreateIdentitySchema -o Data/Migrations (dotnet-ef 10.0.15) on this very app, and kept, which spares every
        // run a build of its own (a minute and more on the loaded two cores).
        CopyHostFiles("ApiMigrations", Path.Combine("Data", "Migrations"));
        var program = Path.Combine(Directory, "Program.cs");
        Edit(program, "var builder = WebApplication.CreateBuilder(args);", """
            using ApiHost.Data;
            using Microsoft.AspNetCore.Identity;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.EntityFrameworkCore;

            """, before: true);
        Edit(program, "var app = builder.Build();", """
            builder.Services.AddAuthorization();
            builder.Services.AddDbContext<ApplicationDbContext>(options =>
                options.UseSqlite(builder.Configuration.GetConnectionString("DefaultConnection")));
            builder.Services.AddIdentityApiEndpoints<IdentityUser>()
                .AddEntityFrameworkStores<ApplicationDbContext>();

            """, before: true);
        Edit(program, "app.UseHttpsRedirection();", """

            app.MapIdentityApi<IdentityUser>();

            app.MapPost("/logout", async (SignInManager<IdentityUser> signInManager, [FromBody] object empty) =>
            {
                if (empty != null)
                {
                    await signInManager.SignOutAsync();
                    return Results.Ok();
                }
                return Results.Unauthorized();
            })
            .RequireAuthorization();
            """, before: false);
        var settingsFile = Path.Combine(Directory, "appsettings.json");
        var settings = (JsonObject)JsonNode.Parse(File.ReadAllText(settingsFile))!;
        settings.Insert(0, "ConnectionStrings", new JsonObject { ["DefaultConnection"] = "DataSource=app.db;Cache=Shared" });
        File.WriteAllText(settingsFile, settings.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>docs/identity.md's "Set up", step by step, word for word.</summary>
    private async Task InstallSignalGenAsync(LocalPackageFeed feed, CancellationToken cancellationToken)
    {
        // 1. Install.
        await RunAsync("dotnet add package", ["add", "package", "SignalGen.Identity", "--version", feed.Version], cancellationToken);

        // 5. Receivers (the journal's, for every signal), written now rather than last: the migration's build then
        // compiles them, and the app needs no third compile before it runs (each takes 20 s and more on two cores).
        CopyHostFiles("Receivers");

        // 2. AddSignals<TContext>() at the end of the Identity builder, then the app's receivers.
        var program = Path.Combine(Directory, "Program.cs");
        var text = File.ReadAllText(program);
        var start = text.IndexOf(Kind switch
        {
            HostKind.Razor => "builder.Services.AddDefaultIdentity<",
            HostKind.Blazor => "builder.Services.AddIdentityCore<",
            _ => "builder.Services.AddIdentityApiEndpoints<",
        }, StringComparison.Ordinal);
        var end = start < 0 ? -1 : StatementEnd(text, start);
        if (end < 0)
        {
            throw new InvalidOperationException($"{Name}'s Program.cs has no Identity builder line:{Environment.NewLine}{text}");
        }

        text = text[..end] + "\n    .AddSignals<ApplicationDbContext>();\nbuilder.Services.AddSignals();" + text[(end + 1)..];
        File.WriteAllText(program, text);

        // 3. Map SignalGen.Identity's table in the context.
        var context = Path.Combine(Directory, "Data", "ApplicationDbContext.cs");
        Edit(context, "using Microsoft.EntityFrameworkCore;", "using Microsoft.EntityFrameworkCore;\nusing SignalGen.Identity;", before: false, replace: true);
        var contextText = File.ReadAllText(context).TrimEnd();
        if (!contextText.EndsWith("{\n}", StringComparison.Ordinal) && !contextText.EndsWith("{\r\n}", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{Name}'s ApplicationDbContext is not the template's empty class:{Environment.NewLine}{contextText}");
        }

        File.WriteAllText(context, contextText[..^1].TrimEnd() + """

                protected override void OnModelCreating(ModelBuilder builder)
                {
                    base.OnModelCreating(builder);
                    builder.MapEmailAddresses();
                }
            }

            """);

        // 4. The table's migration, beside Identity's own.
        if (!File.Exists(Path.Combine(Directory, "dotnet-tools.json")) && !File.Exists(Path.Combine(Directory, ".config", "dotnet-tools.json")))
        {
            await RunAsync("dotnet new tool-manifest", ["new", "tool-manifest"], cancellationToken);
        }

        await RunAsync("dotnet tool install dotnet-ef", ["tool", "install", "dotnet-ef", "--version", "10.0.*"], cancellationToken);
        await RunAsync("dotnet ef migrations add", ["ef", "migrations", "add", "AddSignalGenEmailAddresses"], cancellationToken);
        await RunAsync("dotnet ef database update", ["ef", "database", "update"], cancellationToken);
    }

    /// <summary>
    /// The tests' own app code in Program.cs: the mail sender (registered before the Identity builder in the Razor
    /// app, after it in the others, so both orders are covered; in the two apps with pages only when a run asks for
    /// it, so another run keeps the template's no-op sender), the test OAuth provider, and the journal's mark endpoint.
    /// </summary>
    private void AddTestAppCode()
    {
        var program = Path.Combine(Directory, "Program.cs");
        File.WriteAllText(program, "using StockHosts;\n" + File.ReadAllText(program));
        switch (Kind)
        {
            case HostKind.Razor:
                Edit(program, "builder.Services.AddDefaultIdentity<", """
                    if (Environment.GetEnvironmentVariable("STOCKHOSTS_MAIL") is { Length: > 0 })
                    {
                        builder.Services.AddHttpContextAccessor();
                        builder.Services.AddSingleton<Microsoft.AspNetCore.Identity.UI.Services.IEmailSender, CapturedMailSender>();
                    }

                    builder.Services.AddAuthentication().AddTestOAuth();

                    """, before: true);
                break;
            case HostKind.Blazor:
                Edit(program, "builder.Services.AddSingleton<IEmailSender<ApplicationUser>, IdentityNoOpEmailSender>();", """

                    if (Environment.GetEnvironmentVariable("STOCKHOSTS_MAIL") is { Length: > 0 })
                    {
                        builder.Services.AddHttpContextAccessor();
                        builder.Services.AddSingleton<IEmailSender<ApplicationUser>, CapturedMailSender<ApplicationUser>>();
                    }

                    builder.Services.AddAuthentication().AddTestOAuth();
                    """, before: false);
                break;
            default:
                Edit(program, "var app = builder.Build();", """
                    builder.Services.AddHttpContextAccessor();
                    builder.Services.AddSingleton<IEmailSender<IdentityUser>, CapturedMailSender<IdentityUser>>();

                    """, before: true);
                break;
        }

        Edit(program, "app.Run();", Kind == HostKind.Api
            ? "app.MapStockHostJournal();\n\n"
            : "app.MapStockHostJournal();\napp.MapTestOAuthProvider();\n\n", before: true);
    }

    /// <summary>
    /// The app really runs on its line: NuGet resolved Identity's and EF Core's packages at the pinned version (a
    /// dependency of SignalGen.Identity above the floor would have lifted them, or failed the restore with NU1605).
    /// </summary>
    private void CheckResolvedVersions()
    {
        var expected = DependencyVersions.Of(Line);
        var assets = JsonNode.Parse(File.ReadAllText(Path.Combine(Directory, "obj", "project.assets.json")))!;
        var resolved = assets["libraries"]!.AsObject()
            .Select(library => library.Key.Split('/'))
            .Where(library => library[0] is "Microsoft.AspNetCore.Identity.EntityFrameworkCore" or "Microsoft.EntityFrameworkCore" or "Microsoft.EntityFrameworkCore.Sqlite")
            .ToList();
        if (resolved.Count != 3 || resolved.Any(library => library[1] != expected))
        {
            throw new InvalidOperationException($"{Name} ({Line}) should resolve Identity's and EF Core's packages at {expected}, resolved: {string.Join(", ", resolved.Select(library => string.Join('/', library)))}");
        }
    }

    /// <summary>The ';' that ends the statement starting at <paramref name="start"/>: outside any (), {} or [] (the Blazor template's options lambda has its own).</summary>
    private static int StatementEnd(string text, int start)
    {
        var depth = 0;
        for (var i = start; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '(' or '{' or '[':
                    depth++;
                    break;
                case ')' or '}' or ']':
                    depth--;
                    break;
                case ';' when depth == 0:
                    return i;
            }
        }

        return -1;
    }

    /// <summary>Sets every Microsoft.* package reference of the app to <paramref name="version"/> (the templates pin their own patch).</summary>
    private void PinMicrosoftPackages(string version)
    {
        var csproj = Path.Combine(Directory, Name + ".csproj");
        var text = File.ReadAllText(csproj);
        var pinned = MicrosoftPackage().Replace(text, match => match.Groups["head"].Value + version + "\"");
        if (pinned == text && !text.Contains($"Version=\"{version}\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{Name}.csproj has no Microsoft.* package reference to set to {version}:{Environment.NewLine}{text}");
        }

        File.WriteAllText(csproj, pinned);
    }

    [GeneratedRegex(@"(?<head><PackageReference Include=""Microsoft\.[^""]+"" Version="")[^""]+""")]
    private static partial Regex MicrosoftPackage();

    private void CopyHostFiles(string folder, string? into = null)
    {
        var source = Path.Combine(AppContext.BaseDirectory, "HostFiles", folder);
        foreach (var file in System.IO.Directory.GetFiles(source))
        {
            var target = Path.Combine(Directory, into ?? "StockHosts", Path.GetFileName(file));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    /// <summary>Puts <paramref name="text"/> before or after <paramref name="anchor"/> (or in its place), which must be there once.</summary>
    private static void Edit(string file, string anchor, string text, bool before, bool replace = false)
    {
        var content = File.ReadAllText(file).ReplaceLineEndings("\n");
        var at = content.IndexOf(anchor, StringComparison.Ordinal);
        if (at < 0 || content.IndexOf(anchor, at + 1, StringComparison.Ordinal) >= 0)
        {
            throw new InvalidOperationException($"Expected '{anchor}' once in {file}:{Environment.NewLine}{content}");
        }

        text = text.ReplaceLineEndings("\n");
        content = replace ? content[..at] + text + content[(at + anchor.Length)..]
            : before ? content[..at] + text + content[at..]
            : content[..(at + anchor.Length)] + "\n" + text + content[(at + anchor.Length)..];
        File.WriteAllText(file, content);
    }

    private Task RunAsync(string step, IEnumerable<string> arguments, CancellationToken cancellationToken) =>
        RunAsync(step, arguments, Directory, cancellationToken);

    private async Task RunAsync(string step, IEnumerable<string> arguments, string workingDirectory, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var result = await DotNetCommand.Run(workingDirectory, arguments, cancellationToken);
        _timings.Enqueue((step, clock.Elapsed));
        if (result.ExitCode != 0)
        {
            // dotnet ef only says its build failed: the build's own output says why.
            var build = arguments.FirstOrDefault() == "ef" ? await DotNetCommand.Run(workingDirectory, ["build", "-nologo", "-nodeReuse:false", "--disable-build-servers"], cancellationToken) : null;
            throw new InvalidOperationException($"{Name} ({Line}): {step} failed: {result}{(build is null ? "" : Environment.NewLine + build)}");
        }
    }
}
