using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using AuthSample;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace SignalGen.AuthSample.Tests;

/// <summary>Outside Development the mail sink and the dev provider do not exist.</summary>
public sealed class ProductionTests
{
    [Fact]
    public async Task The_development_tools_are_off_in_production()
    {
        var folder = Path.Combine(Path.GetTempPath(), "authsample-production-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            await using (var app = AuthSampleApp.Build(
                ["--environment", "Production", "--urls", "http://127.0.0.1:0", "--ConnectionStrings:AuthSample", "Data Source=" + Path.Combine(folder, "app.db")],
                builder => builder.Configuration["Logging:LogLevel:Default"] = "Warning"))
            {
                await app.StartAsync();
                var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
                using var http = new HttpClient { BaseAddress = new Uri(address) };

                Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/mail")).StatusCode);
                Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/dev-provider/authorize?state=x")).StatusCode);
                var login = await http.GetStringAsync("/Account/Login");
                Assert.Contains("<h1>Log in</h1>", login);
                Assert.DoesNotContain("DevProvider", login);
                Assert.DoesNotContain("Mail sink", login);
                await app.StopAsync();
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
