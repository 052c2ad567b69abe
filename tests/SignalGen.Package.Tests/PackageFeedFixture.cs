// The packages of this run, made once and shared by every test of the project (tests/Shared/LocalPackageFeed.cs).
[assembly: Xunit.AssemblyFixture(typeof(SignalGen.Testing.LocalPackageFeed))]
