using AuthSample;

await AuthSampleApp.Build(args).RunAsync();
