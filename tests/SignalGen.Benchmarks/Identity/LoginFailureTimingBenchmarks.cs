using System;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SignalGen.Identity;

namespace SignalGen.Benchmarks.Identity;

/// <summary>
/// Whether <c>UserLoginFailed</c> makes user enumeration by timing easier: a failed password log-in for a name
/// no user has, and for a user with the wrong password, on Identity's own managers and on SignalGen.Identity's,
/// in one run. Identity itself answers an unknown name without hashing a password (its own, known difference);
/// what SignalGen adds to each path is the question. Run with the hasher's real cost and with one iteration, where
/// SignalGen's own cost is not hidden under the hash's.
/// </summary>
[MemoryDiagnoser]
public class LoginFailureTimingBenchmarks
{
    private const string UserName = "known@example.com";
    private SqliteConnection _identityDatabase = null!;
    private SqliteConnection _signalGenDatabase = null!;
    private ServiceProvider _identity = null!;
    private ServiceProvider _signalGen = null!;

    /// <summary>PBKDF2 iterations of the password hasher: Identity's default, and one.</summary>
    [Params(100_000, 1)]
    public int HashIterations { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        (_identity, _identityDatabase) = Build(withSignals: false);
        (_signalGen, _signalGenDatabase) = Build(withSignals: true);
        LoginFailureCounter.Failures = 0;
    }

    [GlobalCleanup(Targets = [nameof(IdentityUnknownUser), nameof(IdentityWrongPassword)])]
    public void Cleanup()
    {
        _identity.Dispose();
        _signalGen.Dispose();
        _identityDatabase.Dispose();
        _signalGenDatabase.Dispose();
    }

    [GlobalCleanup(Targets = [nameof(SignalGenUnknownUser), nameof(SignalGenWrongPassword)])]
    public void CleanupAndCheckTheSignalWasSent()
    {
        Cleanup();
        if (LoginFailureCounter.Failures == 0)
        {
            throw new InvalidOperationException("The benchmark sent no UserLoginFailed.");
        }
    }

    [Benchmark(Baseline = true)]
    public Task<SignInResult> IdentityUnknownUser() => SignInAsync(_identity, "nobody@example.com");

    [Benchmark]
    public Task<SignInResult> IdentityWrongPassword() => SignInAsync(_identity, UserName);

    [Benchmark]
    public Task<SignInResult> SignalGenUnknownUser() => SignInAsync(_signalGen, "nobody@example.com");

    [Benchmark]
    public Task<SignInResult> SignalGenWrongPassword() => SignInAsync(_signalGen, UserName);

    private static async Task<SignInResult> SignInAsync(IServiceProvider root, string userName)
    {
        await using var scope = root.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>().HttpContext = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        return await scope.ServiceProvider.GetRequiredService<SignInManager<IdentityUser>>().PasswordSignInAsync(userName, "Wrong-horse-1", false, lockoutOnFailure: false);
    }

    private (ServiceProvider, SqliteConnection) Build(bool withSignals)
    {
        var connection = new SqliteConnection("DataSource=:memory:");
        connection.Open();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDataProtection();
        services.AddHttpContextAccessor();
        services.AddDbContext<LoginBenchmarkDbContext>(options => options.UseSqlite(connection));
        services.Configure<PasswordHasherOptions>(options => options.IterationCount = HashIterations);
        var identity = services.AddIdentity<IdentityUser, IdentityRole>().AddEntityFrameworkStores<LoginBenchmarkDbContext>().AddDefaultTokenProviders();
        if (withSignals)
        {
            identity.AddSignals<LoginBenchmarkDbContext>();
            services.AddSignals();
        }

        var provider = services.BuildServiceProvider();
        using var scope = provider.CreateScope();
        scope.ServiceProvider.GetRequiredService<LoginBenchmarkDbContext>().Database.EnsureCreated();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var created = users.CreateAsync(new IdentityUser { UserName = UserName, Email = UserName }, "Correct-horse-9").GetAwaiter().GetResult();
        if (!created.Succeeded)
        {
            throw new InvalidOperationException("Could not create the benchmark's user.");
        }

        return (provider, connection);
    }
}

/// <summary>Identity's tables and SignalGen.Identity's address table.</summary>
public sealed class LoginBenchmarkDbContext(DbContextOptions<LoginBenchmarkDbContext> options) : IdentityDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.MapEmailAddresses();
    }
}

/// <summary>The receiver a real app would have: an audit that counts failures.</summary>
public static class LoginFailureCounter
{
    public static int Failures;

    [Receiver(SignalGen.Identity.Signal.UserLoginFailed)]
    public static void Count(LoginFailureReason reason) => Failures++;
}
