// The packages of this run, made once and shared with the other test projects (tests/Shared/LocalPackageFeed.cs).
[assembly: Xunit.AssemblyFixture(typeof(SignalGen.Testing.LocalPackageFeed))]
