using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(SignalGen.Benchmarks.SendBenchmarks).Assembly).Run(args);
