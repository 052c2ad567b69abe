using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using CrossProject;
using CrossProject.Accounts;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace SignalGen.Tests;

/// <summary>
/// The schema library (CrossProject.Schema) sends its own signals; receivers live in it, in a second
/// library (CrossProject.Receivers), and in the application. This test project is itself an
/// application: its generated table must call the receivers of all three, including its own below.
/// </summary>
public sealed class CrossProjectTests
{
    [Fact]
    public void A_library_send_reaches_receivers_in_every_project_in_the_documented_order()
    {
        using var services = new ServiceCollection().AddSignals().BuildServiceProvider(validateScopes: true);
        using var scope = services.CreateScope();
        var log = new DeliveryLog();

        var account = AccountService.SignUp(scope.ServiceProvider.GetRequiredService<CrossProject.Accounts.Signals>(), "ada", log);
        AccountService.LogIn(scope.ServiceProvider.GetRequiredService<CrossProject.Accounts.Signals>(), account);

        Assert.Equal(
            [
                "Receivers.AuditSignUp:signup-request",          // Order -5
                "Receivers.LibraryMailer.SendWelcomeMail",       // Order 0: CrossProject.Receivers.LibraryMailer...
                "Tests.CreateProfile",                           // Order 0: SignalGen.Tests.CrossProjectReceivers... sorts after
                "Schema.Welcome",                                // Order 5
                "Receivers.AuditLogInAsync",
            ],
            log.Entries);
    }

    [Fact]
    public void The_application_process_calls_receivers_of_every_project()
    {
        var app = typeof(CrossProjectTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(attribute => attribute.Key == "CrossProjectApp").Value!;
        Assert.True(File.Exists(app), $"fixture application not built: {app}");

        var start = new ProcessStartInfo("dotnet", [app]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var errors = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), "the fixture application did not exit");

        Assert.True(process.ExitCode == 0, errors);
        Assert.Equal(
            [
                "Receivers.AuditSignUp:signup-request",
                "App.CreateProfile",
                "Receivers.LibraryMailer.SendWelcomeMail",
                "Schema.Welcome",
                "Receivers.AuditLogInAsync",
                "App.RecordActivity:login-request",
            ],
            output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Fact]
    public void HasReceivers_counts_receivers_of_referenced_projects()
    {
        Assert.True(CrossProject.Accounts.Signals.HasReceivers(Signal.UserLoggedIn));
    }

    [Fact]
    public void Sends_reach_the_application_table_through_the_static_readonly_field_the_JIT_folds()
    {
        // The fast path (no slot read, no type check) is taken only while this field holds the root table:
        // null would silently send through the slot, correct but slower, which no other test would notice.
        var signals = new CrossProject.Accounts.Signals();
        signals.SendUserLoggedIn("login-request", new Account("grace", new DeliveryLog()));

        var field = typeof(CrossProject.Accounts.Signals)
            .GetNestedType("RootDispatchTable", BindingFlags.NonPublic)!
            .GetField("Instance", BindingFlags.NonPublic | BindingFlags.Static)!;
        Assert.True(field.IsInitOnly);
        var table = Assert.IsAssignableFrom<ISignalDispatchTable>(field.GetValue(null));
        Assert.Same(typeof(CrossProjectTests).Assembly, table.GetType().Assembly);
    }
}

internal static class CrossProjectReceivers
{
    [SignalGen.Receiver(Signal.UserSignedUp)]
    public static void CreateProfile(Account user) => user.Log.Add("Tests.CreateProfile");
}
