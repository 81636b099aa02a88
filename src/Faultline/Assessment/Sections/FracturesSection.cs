using System.Globalization;
using Faultline.Analysis.Actors;
using Faultline.Analysis.Fractures;
using Faultline.Assessment.Charts;
using static Faultline.Assessment.ReportProse;

namespace Faultline.Assessment.Sections;

/// <summary>
/// Information-space fractures: which bloc → bloc stances in the period differ most from the background window before
/// it (with the calls counted and the posts behind them cited), the fracture-index change points that fell in or just
/// before the period with candidate catalysts from the analyst event list, and two charts (the fracture index of the
/// most shifted pair; posts with stance calls per day by bloc).
/// </summary>
/// <remarks>
/// Pairs are ranked by the change in their smoothed net criticism rate (<see cref="StanceTally.SmoothedNetCriticismRate"/>
/// with the fracture index's prior of 5 pseudo-calls), so one angry post in a quiet cell does not top the list; the
/// sentences show the raw counts. Catalysts are analyst-curated dates, not archive evidence: they go in a
/// <see cref="Note"/>, never into a cited sentence. Change-point detection needs 5 days with calls on either side of a
/// shift, so a daily report sees shifts that began up to <see cref="LookbackDays"/> days earlier, not on its own day.
/// </remarks>
internal sealed class FracturesSection : IReportSection
{
    /// <summary>Rows of the table of shifted pairs.</summary>
    public const int MaxTablePairs = 8;

    /// <summary>Pairs written up as cited sentences.</summary>
    public const int MaxPairSentences = 3;

    /// <summary>The fewest calls of a pair in the period for a sentence about it (the table lists every pair).</summary>
    public const int MinSentenceCalls = 2;

    /// <summary>Unordered bloc pairs whose fracture index is tested for change points.</summary>
    public const int MaxIndexPairs = 3;

    /// <summary>Posts cited per sentence.</summary>
    public const int CitationsPerSentence = 3;

    /// <summary>How many days before the period a change point may fall and still be reported.</summary>
    public const int LookbackDays = 14;

    /// <summary>Blocs drawn in the volume chart.</summary>
    public const int MaxVolumeBlocs = 6;

    private static readonly FractureOptions Options = new();
    private static readonly Lazy<IReadOnlyList<AnalystEvent>> Events = new(EventsFile.Default);

    /// <inheritdoc />
    public string Id => "fractures";

    /// <inheritdoc />
    public string Heading => "Information-space fractures";

    /// <inheritdoc />
    public SectionResult Build(ReportContext context)
    {
        var view = context.Stance;
        var period = new Window(DayOf(context.From), DayOf(context.To).AddDays(-1));
        var background = new Window(DayOf(context.BackgroundFrom), period.First.AddDays(-1));
        var inPeriod = view.Records.Where(r => r.Published >= context.From && r.Published < context.To).ToList();
        if (inPeriod.Count == 0)
            return SectionResult.Empty("Faultline found no stance calls in posts of the period, so no fracture between blocs can be measured.");
        var shifts = PairShifts(view.Matrices, period, background);
        if (shifts.Count == 0)
        {
            return SectionResult.Empty($"None of the period's {Count(inPeriod.Count, "stance call")} came from a channel that the actor registry " +
                "places in a bloc, so no fracture between blocs can be measured.");
        }

        var blocks = new List<Block>
        {
            new Note($"Stance calls are Faultline's automatic reading of each post (lexicon and rules), counted by the bloc that the " +
                $"actor registry gives the author's channel and the actor named; a call can be wrong, and the cited posts show the words " +
                $"behind it. The period ({period}) is compared with the {Count(context.Options.BackgroundDays, "day")} before it."),
        };
        var takeaways = new List<Takeaway>();

        var sentences = new List<Sentence>();
        foreach (var shift in shifts.Where(s => s.Shift != 0 && s.Period.Total >= MinSentenceCalls).Take(MaxPairSentences))
        {
            if (PairSentence(context, view, shift, period, context.Options.BackgroundDays) is not { } sentence) continue;
            sentences.Add(sentence);
            if (takeaways.Count == 0)
                takeaways.Add(new Takeaway(sentence, Math.Min(1, Math.Abs(shift.Shift)) * Math.Min(1, shift.Period.Total / 10.0)));
        }
        if (sentences.Count > 0) blocks.Add(new Paragraph(sentences));
        blocks.Add(ShiftTable(shifts));

        var indexPairs = shifts.Select(s => Unordered(s.AuthorBloc, s.TargetBloc)).Distinct().Take(MaxIndexPairs).ToList();
        var reports = indexPairs.Select(p => (Pair: p, Report: FractureAnalysis.Analyse(view.Records, view.Matrices, p.A, p.B, Events.Value, Options))).ToList();
        var anyChange = false;
        foreach (var (pair, report) in reports)
        {
            foreach (var change in report.ChangePoints.Where(c => c.Day >= period.First.AddDays(-LookbackDays) && c.Day <= period.Last))
            {
                anyChange = true;
                var drivers = change.DrivingPosts.Take(CitationsPerSentence).Select(d => Quoting.Cite(context, d.PostId, Quoting.CueWords(d.Evidence))).ToArray();
                var text = $"By Faultline's stance calls, the fracture index between {pair.A} and {pair.B} (net criticism of each bloc's calls " +
                    $"about the other, pooled) moved from {Signed(change.MeanBefore)} to {Signed(change.MeanAfter)} from {Day(change.Day)} on " +
                    $"(permutation test p = {change.PValue.ToString("0.###", CultureInfo.InvariantCulture)}).";
                if (drivers.Length > 0)
                {
                    var sentence = new Sentence(text, drivers);
                    blocks.Add(new Paragraph([sentence]));
                    takeaways.Add(new Takeaway(sentence, Math.Min(1, 0.4 + Math.Abs(change.Magnitude))));
                }
                else
                {
                    blocks.Add(new Note($"The fracture index between {pair.A} and {pair.B} moved from {Signed(change.MeanBefore)} to " +
                        $"{Signed(change.MeanAfter)} from {change.Day:yyyy-MM-dd} on (p = {change.PValue.ToString("0.###", CultureInfo.InvariantCulture)}), " +
                        "but no single post's calls moved it in that direction, so none is cited."));
                }
                if (change.Catalysts.Count > 0)
                {
                    // Analyst-curated dates, not archive evidence: a note, never a cited sentence.
                    blocks.Add(new Note($"For the shift of {change.Day:yyyy-MM-dd}: " +
                        string.Join("; ", change.Catalysts.Select(e => $"candidate catalyst: {e.Title} ({EventDates(e)}, analyst event list)")) + "."));
                }
            }
        }
        if (!anyChange)
        {
            blocks.Add(new Note($"No significant change point (CUSUM with a permutation test, α = {Options.ChangePoints.Alpha.ToString(CultureInfo.InvariantCulture)}) " +
                $"in the fracture index of {List(indexPairs.Select(p => $"{p.A} ↔ {p.B}").ToList())} fell in the period or the {LookbackDays} days before it. " +
                $"A shift needs at least {Options.ChangePoints.MinSegment} days with calls on either side to be detected, so one that began in the last days " +
                "of the period shows only in later reports."));
        }

        // Chart the pair with a recent change point, else the one the window says most about.
        var window = new Window(background.First, period.Last);
        var top = reports.OrderByDescending(r => r.Report.ChangePoints.Any(c => c.Day >= period.First.AddDays(-LookbackDays)))
            .ThenByDescending(r => r.Report.Series.Points.Where(p => p.Day >= window.First).Sum(p => p.Tally.Total))
            .First();
        blocks.Add(IndexChart(view, top.Pair, top.Report, window, period));
        if (VolumeChart(view, window, period) is { } volume) blocks.Add(volume);
        return new SectionResult(blocks, takeaways);
    }

    /// <summary>A bloc → bloc pair with its calls in the period and in the background, and the change in smoothed net criticism.</summary>
    internal sealed record PairShift(string AuthorBloc, string TargetBloc, StanceTally Period, StanceTally Background)
    {
        /// <summary>Smoothed net criticism in the period minus that of the background.</summary>
        public double Shift => Period.SmoothedNetCriticismRate(Options.Index.PriorCount) - Background.SmoothedNetCriticismRate(Options.Index.PriorCount);
    }

    /// <summary>Pairs with calls in the period, most shifted first (then most calls, then by name).</summary>
    internal static IReadOnlyList<PairShift> PairShifts(StanceMatrices matrices, Window period, Window background)
    {
        var now = Pooled(matrices.BlocCells(period.First, period.Last));
        var before = Pooled(matrices.BlocCells(background.First, background.Last));
        return now.Select(kv => new PairShift(kv.Key.Author, kv.Key.Target, kv.Value, before.GetValueOrDefault(kv.Key)))
            .OrderByDescending(p => Math.Abs(p.Shift)).ThenByDescending(p => p.Period.Total)
            .ThenBy(p => p.AuthorBloc, StringComparer.Ordinal).ThenBy(p => p.TargetBloc, StringComparer.Ordinal)
            .ToList();

        static Dictionary<(string Author, string Target), StanceTally> Pooled(IEnumerable<BlocCell> cells)
        {
            var pooled = new Dictionary<(string, string), StanceTally>();
            foreach (var c in cells) pooled[(c.AuthorBloc, c.TargetBloc)] = pooled.GetValueOrDefault((c.AuthorBloc, c.TargetBloc)) + c.Tally;
            return pooled;
        }
    }

    private static Sentence? PairSentence(ReportContext context, StanceView view, PairShift shift, Window period, int backgroundDays)
    {
        // The posts that make the shift: calls of the pair in the period in its direction (criticism when it rose,
        // support when it fell; neutral calls when the fall came from neither), most confident first, then most viewed.
        var calls = PairCalls(view, shift, context.From, context.To);
        var wanted = shift.Shift > 0 ? StanceKind.Criticise : StanceKind.Support;
        var pick = calls.Where(r => r.Stance == wanted).ToList();
        if (pick.Count == 0 && shift.Shift < 0) pick = calls.Where(r => r.Stance == StanceKind.Neutral).ToList();
        if (pick.Count == 0) return null;
        var posts = pick.GroupBy(r => r.PostId)
            .Select(g => (Post: g.Key, Confidence: g.Max(r => r.Confidence), Evidence: g.SelectMany(r => r.Evidence).ToList()))
            .OrderByDescending(p => p.Confidence).ThenBy(p => p.Post)
            .Take(4 * CitationsPerSentence)
            .Select(p => (p.Post, p.Confidence, p.Evidence, Views: context.Post(p.Post)?.Views ?? 0))
            .OrderByDescending(p => p.Confidence).ThenByDescending(p => p.Views).ThenBy(p => p.Post)
            .Take(CitationsPerSentence)
            .ToList();
        var citations = posts.Select(p => Quoting.Cite(context, p.Post, Quoting.CueWords(p.Evidence))).ToArray();

        var actor = pick.GroupBy(r => r.ActorId).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key;
        var actorName = context.Options.Registry.Find(actor)?.Name ?? actor;
        var targets = shift.AuthorBloc == shift.TargetBloc ? "actors of their own bloc" : $"{shift.TargetBloc} actors";
        var p = shift.Period;
        var b = shift.Background;
        var days = Count(backgroundDays, "day");
        var figures = $"{p.Criticise} of {Count(p.Total, "call")} were critical and {p.Support} supportive (net criticism {Signed(p.NetCriticismRate)}, " +
            $"most often about {actorName})";
        var text = b.Total == 0
            ? $"By Faultline's stance calls, channels of the {shift.AuthorBloc} bloc spoke of {targets} in the period ({period}), " +
              $"where the {days} before held no such calls: {figures}."
            : $"By Faultline's stance calls, channels of the {shift.AuthorBloc} bloc were {(shift.Shift > 0 ? "more" : "less")} critical of {targets} " +
              $"in the period ({period}) than in the {days} before: {figures}, against {b.Criticise} critical and {b.Support} supportive " +
              $"of {b.Total} before (net {Signed(b.NetCriticismRate)}).";
        return new Sentence(text, citations);
    }

    /// <summary>The period's calls whose author is in the pair's author bloc and whose actor is in its target bloc on the post's day.</summary>
    private static List<StanceRecord> PairCalls(StanceView view, PairShift shift, DateTimeOffset from, DateTimeOffset to)
    {
        var resolver = view.Resolver;
        var author = resolver.IndexOf(shift.AuthorBloc);
        var target = resolver.IndexOf(shift.TargetBloc);
        return view.Records.Where(r =>
        {
            if (r.Published < from || r.Published >= to) return false;
            var day = BlocResolver.DayOf(r.Published);
            return resolver.ActorOfAuthor(r.AuthorSourceId) is { } a && resolver.BlocIndexesOf(a, day).Contains(author)
                && resolver.BlocIndexesOf(r.ActorId, day).Contains(target);
        }).ToList();
    }

    private static Table ShiftTable(IReadOnlyList<PairShift> shifts) => new(
        "Stance calls by bloc pair: the period against the background window (critical / supportive / neutral, net criticism rate)",
        ["Author bloc → target bloc", "Period", "Net", "Background", "Net", "Change (smoothed)"],
        shifts.Take(MaxTablePairs).Select(s => (IReadOnlyList<Sentence>)
        [
            Cell($"{s.AuthorBloc} → {s.TargetBloc}"),
            Cell($"{s.Period.Criticise} / {s.Period.Support} / {s.Period.Neutral}"),
            Cell(Signed(s.Period.NetCriticismRate)),
            Cell(s.Background.Total == 0 ? "none" : $"{s.Background.Criticise} / {s.Background.Support} / {s.Background.Neutral}"),
            Cell(s.Background.Total == 0 ? "–" : Signed(s.Background.NetCriticismRate)),
            Cell(Signed(s.Shift)),
        ]).ToList());

    private static Sentence Cell(string text) => new(text, []);

    private static Chart IndexChart(StanceView view, (string A, string B) pair, FractureReport report, Window window, Window period)
    {
        var series = FractureIndex.Build(view.Matrices, pair.A, pair.B, Options.Index, window.First, window.Last);
        var observed = series.Points.Where(p => p.Tally.Total > 0).ToList();
        var changes = report.ChangePoints.Where(c => c.Day >= window.First && c.Day <= window.Last).ToList();
        var events = Events.Value.Where(e => e.LastDay >= window.First && e.Date <= window.Last).ToList();
        var chart = new LineChart
        {
            Title = $"Fracture index {pair.A} ↔ {pair.B}, {window}",
            X = XAxis.Days(window.First, window.Last),
            YLabel = "net criticism rate",
            YMin = -0.1,
            YMax = 0.1,
            Band = new ChartBand(period.First.DayNumber - 0.5, period.Last.DayNumber + 0.5, "period"),
            Series =
            [
                new ChartSeries("daily", [.. observed.Select(p => new ChartPoint(p.Day.DayNumber, p.Rate))], SeriesStyle.Dots) { Colour = "#7fa7d0" },
                new ChartSeries("7-day mean", [.. series.Points.Where(p => !double.IsNaN(p.Smoothed)).Select(p => new ChartPoint(p.Day.DayNumber, p.Smoothed))])
                { Colour = "#1f3f77" },
            ],
            Markers =
            [
                .. events.Select(e => new ChartMarker(e.Date.DayNumber, $"{EventDates(e)} {e.Title} (analyst event list)", "#888") { Faint = true }),
                .. changes.Select(c => new ChartMarker(c.Day.DayNumber, $"{c.Day:MM-dd} Δ {Signed(c.Magnitude)}")),
            ],
        };
        var alt = $"Daily net criticism rate between {pair.A} and {pair.B} from {window.First:yyyy-MM-dd} to {window.Last:yyyy-MM-dd} " +
            $"on {Count(observed.Count, "day")} with calls" +
            (changes.Count == 0 ? "; no significant change point." : "; change points: " + string.Join(", ", changes.Select(c => $"{c.Day:yyyy-MM-dd} ({Signed(c.Magnitude)})")) + ".");
        return new Chart($"Fracture index {pair.A} ↔ {pair.B}: daily net criticism (dots), its 7-day mean (line), change points (red), " +
            "analyst events (dashed, for comparison); the period is shaded.", chart.Render(), alt);
    }

    private static Chart? VolumeChart(StanceView view, Window window, Window period)
    {
        var volumes = BlocVolume.FromStances(view.Records, view.Resolver)
            .Select(v => (v.Bloc, Days: v.Days.Zip(v.Posts).Where(d => d.First >= window.First && d.First <= window.Last).ToList()))
            .Select(v => (v.Bloc, v.Days, Total: v.Days.Sum(d => d.Second)))
            .Where(v => v.Total > 0)
            .OrderByDescending(v => v.Total).ThenBy(v => v.Bloc, StringComparer.Ordinal)
            .Take(MaxVolumeBlocs)
            .ToList();
        if (volumes.Count == 0) return null;
        var chart = new LineChart
        {
            Title = $"Posts with stance calls per day by author bloc, {window}",
            X = XAxis.Days(window.First, window.Last),
            YLabel = "posts",
            YMin = 0,
            Band = new ChartBand(period.First.DayNumber - 0.5, period.Last.DayNumber + 0.5, "period"),
            Series = volumes.Select(v =>
            {
                var counts = v.Days.ToDictionary(d => d.First, d => d.Second);
                var points = Enumerable.Range(window.First.DayNumber, window.Last.DayNumber - window.First.DayNumber + 1)
                    .Select(d => new ChartPoint(d, counts.GetValueOrDefault(DateOnly.FromDayNumber(d)))).ToList();
                return new ChartSeries(v.Bloc, points);
            }).ToList(),
        };
        var alt = $"Posts with stance calls from {window.First:yyyy-MM-dd} to {window.Last:yyyy-MM-dd} by author bloc: " +
            string.Join(", ", volumes.Select(v => $"{v.Bloc} {v.Total}")) + ".";
        return new Chart("Posts with at least one stance call per day, by the bloc of the author's channel; the period is shaded.", chart.Render(), alt);
    }

    private static (string A, string B) Unordered(string a, string b) => string.CompareOrdinal(a, b) <= 0 ? (a, b) : (b, a);

    private static string EventDates(AnalystEvent e) => e.End is { } end ? $"{e.Date:yyyy-MM-dd}..{end:yyyy-MM-dd}" : $"{e.Date:yyyy-MM-dd}";

    private static DateOnly DayOf(DateTimeOffset time) => DateOnly.FromDateTime(time.UtcDateTime);

    /// <summary>An inclusive range of UTC days.</summary>
    internal readonly record struct Window(DateOnly First, DateOnly Last)
    {
        /// <inheritdoc />
        public override string ToString() => First == Last
            ? First.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : $"{First.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} to {Last.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
    }
}
