using BenchmarkDotNet.Running;

// `dotnet run -c Release --project benchmarks/Relief.Benchmarks -- --filter '*'`; figures go to docs/performance.md.
// `-- store-generate <store> [patients] [days]` fills a store with synthetic follow-up data for the store benchmarks.
if (args is ["store-generate", var store, ..])
{
    var patients = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 10_000;
    var days = args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 730;
    await Relief.Benchmarks.Store.SyntheticStore.GenerateAsync(Relief.Store.Persistence.StoreConnection.Parse(store), patients, days, Console.Out);
    return;
}

// `-- opioid-request <example request> <out>` writes a CDC opioid CDS example request as the service takes it (stray
// content dropped, resources as item1…, Relief's own prefetch keys as "no data"): benchmarks/cds-hooks/order-sign.sh posts it.
if (args is ["opioid-request", var example, var output])
{
    var keys = Relief.Fhir.CdsHooks.PrefetchTemplates.All.Select(t => t.Key).ToList();
    await File.WriteAllBytesAsync(output, Relief.Tests.Opioids.ReferenceRequests.Rebuild(await File.ReadAllBytesAsync(example), keys));
    return;
}

// `-- store-time <store> [patients] [calls]` times the store targets in one process (a quick relative check).
if (args is ["store-time", var timed, ..])
{
    var patients = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 10_000;
    var calls = args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 200;
    await Relief.Benchmarks.Store.StoreTiming.RunAsync(timed, patients, calls, Console.Out);
    return;
}

// `-- engine-loop <synthea file> <seconds>` runs the engine alone in a loop, for a profiler (dotnet-trace) to sample.
if (args is ["engine-loop", var bundle, var seconds])
{
    var assessor = new Relief.Core.Assessment.Assessor(Relief.Benchmarks.BenchmarkData.LoadKnowledge());
    var record = Relief.Fhir.Reading.FhirBundleReader.Read(File.ReadAllBytes(Relief.Benchmarks.BenchmarkData.SyntheaPath(bundle))).Record!
        with { Deceased = false, DeceasedOn = null };
    var until = DateTime.UtcNow.AddSeconds(int.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture));
    var count = 0;
    while (DateTime.UtcNow < until)
    {
        assessor.Assess(record, new NodaTime.LocalDate(2026, 11, 21));
        count++;
    }

    Console.WriteLine($"{count} assessments");
    return;
}

// `-- engine-count <synthea file | bundles.ndjson> <assessments> [findings]` runs the engine alone a fixed number of times and
// prints the time and the bytes allocated per assessment (allocations barely vary: a check that holds on a busy machine).
// A .ndjson file holds one patient's Bundle per line (what `relief screen --stdin` reads): small records, assessed in turn.
// "findings" runs Assessor.AssessFindings, what `relief screen` runs, instead of the full Assess.
if (args is ["engine-count", var countedFile, var countText, ..])
{
    var findingsOnly = args.Length > 3 && args[3] == "findings";
    var assessor = new Relief.Core.Assessment.Assessor(Relief.Benchmarks.BenchmarkData.LoadKnowledge());
    var records = countedFile.EndsWith(".ndjson", StringComparison.Ordinal)
        ? File.ReadLines(countedFile).Where(l => l.Length > 0)
            .Select(l => Relief.Fhir.Reading.FhirBundleReader.Read(System.Text.Encoding.UTF8.GetBytes(l)).Record!).ToArray()
        : [Relief.Fhir.Reading.FhirBundleReader.Read(File.ReadAllBytes(File.Exists(countedFile) ? countedFile : Relief.Benchmarks.BenchmarkData.SyntheaPath(countedFile))).Record!
            with { Deceased = false, DeceasedOn = null }];
    var total = int.Parse(countText, System.Globalization.CultureInfo.InvariantCulture);
    var asOf = new NodaTime.LocalDate(2026, 11, 21);
    void AssessOne(Relief.Core.Patients.PatientRecord record)
    {
        if (findingsOnly)
        {
            assessor.AssessFindings(record, asOf);
        }
        else
        {
            assessor.Assess(record, asOf);
        }
    }

    for (var i = 0; i < Math.Min(total, 2000); i++)
    {
        AssessOne(records[i % records.Length]);
    }

    var bytesBefore = GC.GetAllocatedBytesForCurrentThread();
    var clock = System.Diagnostics.Stopwatch.StartNew();
    for (var i = 0; i < total; i++)
    {
        AssessOne(records[i % records.Length]);
    }

    clock.Stop();
    var bytes = GC.GetAllocatedBytesForCurrentThread() - bytesBefore;
    Console.WriteLine(System.FormattableString.Invariant(
        $"{total} assessments of {records.Length} record(s): {clock.Elapsed.TotalMicroseconds / total:F2} us and {(double)bytes / total:F0} bytes per assessment"));
    return;
}

// `-- knowledge-load <loads>` loads the knowledge base from YAML and from the compiled snapshot a fixed number of times
// each, in one process, and prints the time and bytes allocated per load: a quick relative check of start-up's load.
if (args is ["knowledge-load", var loadsText])
{
    using var copy = new Relief.Benchmarks.KnowledgeSnapshotCopy();
    var loads = int.Parse(loadsText, System.Globalization.CultureInfo.InvariantCulture);
    foreach (var fromSnapshot in new[] { false, true })
    {
        Relief.Core.Knowledge.KnowledgeBase LoadOnce() => Relief.Benchmarks.KnowledgeSnapshotCopy.Require(
            fromSnapshot ? Relief.Core.Knowledge.Loading.KnowledgeLoader.Load(copy.Directory) : Relief.Core.Knowledge.Loading.KnowledgeLoader.LoadYaml(copy.Directory),
            fromSnapshot);
        var first = System.Diagnostics.Stopwatch.StartNew();
        LoadOnce();
        first.Stop();
        var bytesBefore = GC.GetAllocatedBytesForCurrentThread();
        var cpuBefore = System.Diagnostics.Process.GetCurrentProcess().UserProcessorTime;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < loads; i++)
        {
            LoadOnce();
        }

        clock.Stop();
        var cpu = System.Diagnostics.Process.GetCurrentProcess().UserProcessorTime - cpuBefore;
        var bytes = GC.GetAllocatedBytesForCurrentThread() - bytesBefore;
        Console.WriteLine(System.FormattableString.Invariant(
            $"{(fromSnapshot ? "snapshot" : "YAML    ")}: first load {first.Elapsed.TotalMilliseconds:F1} ms (JIT included); then {clock.Elapsed.TotalMilliseconds / loads:F2} ms wall, {cpu.TotalMilliseconds / loads:F2} ms user CPU and {bytes / loads / 1024.0 / 1024.0:F2} MB allocated per load ({loads} loads)"));
    }

    // The snapshot's own part: hash the YAML, read and deserialize the snapshot (what Load adds before validation).
    var readCpu = System.Diagnostics.Process.GetCurrentProcess().UserProcessorTime;
    var readClock = System.Diagnostics.Stopwatch.StartNew();
    for (var i = 0; i < loads; i++)
    {
        if (Relief.Core.Knowledge.Loading.KnowledgeSnapshot.Check(copy.Directory) != Relief.Core.Knowledge.Loading.KnowledgeSnapshotState.Current)
        {
            throw new InvalidOperationException("the snapshot is not current");
        }
    }

    Console.WriteLine(System.FormattableString.Invariant(
        $"snapshot check and read alone: {readClock.Elapsed.TotalMilliseconds / loads:F2} ms wall, {(System.Diagnostics.Process.GetCurrentProcess().UserProcessorTime - readCpu).TotalMilliseconds / loads:F2} ms user CPU per read"));
    return;
}

// `-- read-count <synthea file | bulk export directory> <reads>` runs the FHIR reader alone a fixed number of times and prints
// the time and bytes allocated per read: a bundle read whole, or each patient of an NDJSON export read as `relief screen` reads it.
if (args is ["read-count", var readInput, var readTotal])
{
    Relief.Benchmarks.Reading.ReadCount.Run(readInput, int.Parse(readTotal, System.Globalization.CultureInfo.InvariantCulture), Console.Out);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Relief.Benchmarks.BenchmarkData).Assembly).Run(args);
