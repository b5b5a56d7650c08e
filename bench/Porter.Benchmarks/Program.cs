using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Porter.Benchmarks.SharedData).Assembly).Run(args);
