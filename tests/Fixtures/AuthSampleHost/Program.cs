using System;
using AuthSample;
using AuthSample.Data;
using AuthSampleHost;
using Microsoft.Extensions.DependencyInjection;

var hold = new CommitHold(Environment.GetEnvironmentVariable("AUTHSAMPLE_HOLD") == "after-commit");
var app = AuthSampleApp.Build(args, builder => builder.Services.ConfigureDbContext<AppDbContext>(options => options.AddInterceptors(hold)));
app.Lifetime.ApplicationStarted.Register(hold.Arm);
await app.RunAsync();
