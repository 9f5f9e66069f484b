using BenchmarkDotNet.Running;

// `dotnet run -c Release --project benchmarks/Relief.Benchmarks -- --filter '*'`; figures go to docs/performance.md.
BenchmarkSwitcher.FromAssembly(typeof(Relief.Benchmarks.BenchmarkData).Assembly).Run(args);
