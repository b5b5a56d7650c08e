using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Porter.Benchmarks.SpanBenchmarks).Assembly).Run(args);
