using System.Text;
using Faultline.Text;

namespace Faultline.Analysis.Claims;

/// <summary>Derives a claim's timeline and status from its members' roles, versions and tombstones.</summary>
internal static class Lifecycle
{
    /// <summary>The events of a claim whose <paramref name="members"/> are in time order, sorted by time (stable).</summary>
    public static IReadOnlyList<LifecycleEvent> Build(IReadOnlyList<ClaimMember> members, AnalysisPost[] posts, List<int> memberOrders,
        int[] order, ClaimInput input, ClaimOptions options, IReadOnlyList<ClaimRole?>? firstRoles = null)
    {
        var events = new List<LifecycleEvent>();
        var amplified = 0;
        long reach = 0;
        var reachKnown = false;
        // Times of denials and walk-backs not yet followed by an amplification (an edit may retract later than the next members).
        var retractions = new List<DateTimeOffset>();
        DateTimeOffset? previous = null;
        for (var i = 0; i < members.Count; i++)
        {
            var m = members[i];
            var post = posts[memberOrders[order[i]]];
            var who = post.Handle is { } h ? "@" + h : "source " + post.SourceId;
            input.Versions.TryGetValue(post.Id, out var versions);
            // An edit that changed what the member does: its first version's event at publication, its latest role's at the
            // time the latest version was first seen.
            if (firstRoles?[i] is { } firstRole)
            {
                Emit(m with { Role = firstRole }, post, who);
                Emit(m with { Published = versions is { Count: > 0 } ? versions[^1].FirstSeen : m.Published }, post, who);
            }
            else Emit(m, post, who);
            previous = m.Published;
            if (versions is not null)
                for (var k = 1; k < versions.Count; k++)
                    if (!string.Equals(versions[k - 1].Text, versions[k].Text, StringComparison.Ordinal))
                        events.Add(new LifecycleEvent(LifecycleEventKind.Edited, versions[k].FirstSeen, m.PostId, $"edited by {who} (version {versions[k].Sequence})")
                        {
                            Diff = Render(TextDiff.Words(versions[k - 1].Text, versions[k].Text)),
                        });
            if (post.Deleted)
            {
                var seen = versions is { Count: > 0 } ? versions[^1].FirstSeen : post.Published;
                events.Add(new LifecycleEvent(LifecycleEventKind.Deleted, seen, m.PostId, $"deleted by {who} (last seen version from {seen:yyyy-MM-dd HH:mm})"));
            }
        }
        // Stable: events at the same time keep the order in which the members produced them.
        return [.. events.Select((e, i) => (e, i)).OrderBy(x => x.e.Time).ThenBy(x => x.i).Select(x => x.e)];

        void Emit(ClaimMember m, AnalysisPost post, string who)
        {
            switch (m.Role)
            {
                case ClaimRole.Origin:
                    if (post.Views is { } ov) { reach += ov; reachKnown = true; }
                    events.Add(new LifecycleEvent(LifecycleEventKind.Made, m.Published, m.PostId, $"made by {who}")
                    {
                        RunningCount = 0, RunningReach = reachKnown ? reach : null,
                    });
                    break;
                case ClaimRole.Amplify:
                    var retracted = retractions.Any(t => t <= m.Published);
                    if (retracted || (previous is { } last && m.Published - last > options.ResurfaceGap))
                    {
                        var why = retracted ? "after a denial or walk-back" : $"after {(m.Published - previous!.Value).TotalHours:0} h of quiet";
                        events.Add(new LifecycleEvent(LifecycleEventKind.Resurfaced, m.Published, m.PostId, $"resurfaced {why} via {who}"));
                        retractions.RemoveAll(t => t <= m.Published);
                    }
                    amplified++;
                    if (post.Views is { } v) { reach += v; reachKnown = true; }
                    events.Add(new LifecycleEvent(LifecycleEventKind.Amplified, m.Published, m.PostId, $"amplified by {who}")
                    {
                        RunningCount = amplified, RunningReach = reachKnown ? reach : null,
                    });
                    break;
                case ClaimRole.Report:
                    events.Add(new LifecycleEvent(LifecycleEventKind.Reported, m.Published, m.PostId, $"reported by {who}"));
                    break;
                case ClaimRole.Mock:
                    events.Add(new LifecycleEvent(LifecycleEventKind.Reported, m.Published, m.PostId, $"mocked by {who}"));
                    break;
                case ClaimRole.Confirm:
                    events.Add(new LifecycleEvent(LifecycleEventKind.Confirmed, m.Published, m.PostId, $"confirmed by {who}"));
                    break;
                case ClaimRole.Deny:
                    events.Add(new LifecycleEvent(LifecycleEventKind.Denied, m.Published, m.PostId, $"denied by {who}"));
                    retractions.Add(m.Published);
                    break;
                case ClaimRole.WalkBack:
                    events.Add(new LifecycleEvent(LifecycleEventKind.WalkedBack, m.Published, m.PostId, $"walked back by {who}"));
                    retractions.Add(m.Published);
                    break;
            }
        }
    }

    /// <summary>Deleted if the origin is gone; else the latest denial or walk-back; else amplified; else made.</summary>
    public static ClaimStatus StatusOf(AnalysisPost origin, IReadOnlyList<LifecycleEvent> events)
    {
        if (origin.Deleted) return ClaimStatus.Deleted;
        var last = events.LastOrDefault(e => e.Kind is LifecycleEventKind.Denied or LifecycleEventKind.WalkedBack);
        if (last is not null) return last.Kind == LifecycleEventKind.Denied ? ClaimStatus.Denied : ClaimStatus.WalkedBack;
        return events.Any(e => e.Kind == LifecycleEventKind.Amplified) ? ClaimStatus.Amplified : ClaimStatus.Made;
    }

    /// <summary>"[-removed-]{+added+}" with unchanged text as it is.</summary>
    public static string Render(IReadOnlyList<DiffPiece> pieces)
    {
        var sb = new StringBuilder();
        foreach (var piece in pieces)
            sb.Append(piece.Kind switch
            {
                DiffKind.Removed => "[-" + piece.Text + "-]",
                DiffKind.Added => "{+" + piece.Text + "+}",
                _ => piece.Text,
            });
        return sb.ToString();
    }
}
