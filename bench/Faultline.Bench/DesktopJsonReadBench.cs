using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Faultline.Reading;
using Faultline.Reading.TelegramDesktop;

namespace Faultline.Bench;

/// <summary>
/// Throughput of the Telegram Desktop JSON reader over a generated 2023+ export held in memory (so the
/// disk is not measured). Run: dotnet run -c Release --project bench/Faultline.Bench -- bench --filter *DesktopJson*
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class DesktopJsonReadBench
{
    private byte[] _export = [];

    /// <summary>Posts in the export.</summary>
    [Params(1_000, 100_000)]
    public int Posts { get; set; }

    /// <summary>Generates the export once per size.</summary>
    [GlobalSetup]
    public void Setup()
    {
        using var memory = new MemoryStream();
        ExportGenerator.Write(memory, Posts);
        _export = memory.ToArray();
    }

    /// <summary>Reads every item and counts the posts.</summary>
    [Benchmark]
    public async Task<int> ReadExport()
    {
        int posts = 0;
        using var stream = new MemoryStream(_export, writable: false);
        await foreach (var item in new TelegramDesktopJsonReader().ReadAsync(stream, new ReadContext("bench.json")))
            if (item is PostRead) posts++;
        return posts;
    }


    private sealed class ThroughputConfig : ManualConfig
    {
        public ThroughputConfig() => AddColumn(new MegabytesPerSecond());
    }

    /// <summary>MB/s from the mean time and the size of the export of that run's post count.</summary>
    private sealed class MegabytesPerSecond : IColumn
    {
        public string Id => "MBps";
        public string ColumnName => "MB/s";
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 0;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => "Megabytes of export read per second (mean)";
        public bool IsAvailable(Summary summary) => true;
        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var report = summary[benchmarkCase];
            if (report?.ResultStatistics is not { } stats) return "-";
            int posts = (int)benchmarkCase.Parameters["Posts"];
            // The benchmark runs in a child process: regenerate to learn the size (deterministic, same seed).
            using var memory = new MemoryStream();
            ExportGenerator.Write(memory, posts);
            return (memory.Length / 1e6 / (stats.Mean / 1e9)).ToString("N1", System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
