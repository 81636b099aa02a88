using Faultline.Analysis;

namespace Faultline.Tests.Analysis;

/// <summary>
/// Builds fictional spread scenarios: posts of channels at minute offsets from <see cref="Some.Day"/> and the edges
/// between them. Channel source ids are 1, 2, 3 …; post ids are assigned in call order from 1.
/// </summary>
internal sealed class Spread
{
    public readonly List<AnalysisPost> Posts = [];
    public readonly List<PostEdge> Edges = [];

    public static readonly Dictionary<long, (string Handle, string Title)> Channels = new()
    {
        [1] = ("severny_rubezh_fict", "Северный рубеж (fictional)"),
        [2] = ("voenkor_fict", "Военкор \"Восток\" <fict> & Co 🇷🇺"),
        [3] = ("mirror_fict", "Зеркало новостей (fictional)"),
        [4] = ("echo_fict", "Эхо фронта (fictional)"),
        [5] = ("wire_fict", "Лента (fictional)"),
        [6] = ("copy_a_fict", "Копия А (fictional)"),
        [7] = ("copy_b_fict", "Копия Б (fictional)"),
        [8] = ("copy_c_fict", "Копия В (fictional)"),
    };

    /// <summary>Adds a post of channel <paramref name="source"/> at <paramref name="minute"/> after the day's start.</summary>
    public long Post(long source, double minute, long? views = null, string text = "Списков больше нет (fictional)")
    {
        var id = Posts.Count + 1;
        var (handle, title) = Channels.TryGetValue(source, out var c) ? c : ($"ch{source}_fict", $"Channel {source} (fictional)");
        Posts.Add(new AnalysisPost(id, source, id.ToString(System.Globalization.CultureInfo.InvariantCulture), Some.Day.AddMinutes(minute), text, "ru")
        {
            Handle = handle,
            SourceTitle = title,
            Views = views,
        });
        return id;
    }

    public Spread Edge(long earlier, long later, EdgeKind kind, double score = 1)
    {
        Edges.Add(new PostEdge(earlier, later, kind, score));
        return this;
    }

    public AnalysisPost this[long id] => Posts[(int)id - 1];
}
