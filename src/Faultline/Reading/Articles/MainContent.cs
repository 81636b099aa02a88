using AngleSharp.Dom;

namespace Faultline.Reading.Articles;

/// <summary>
/// Finds the story on a saved page, readability-style: paragraphs score their ancestors by length and
/// commas, class and id names push containers up (article, content, post …) or down (related, share,
/// sidebar …), link-heavy containers are discounted, and the best container wins together with
/// siblings that score nearly as well.
/// </summary>
internal static class MainContent
{
    private static readonly HashSet<string> ParagraphTags = new(StringComparer.OrdinalIgnoreCase) { "p", "pre", "td", "blockquote" };

    /// <summary>The elements whose blocks make up the story, in document order.</summary>
    /// <param name="body">The page body.</param>
    /// <param name="skip">Furniture to leave out.</param>
    public static List<IElement> Find(IElement body, Func<IElement, bool> skip)
    {
        var scores = new Dictionary<IElement, double>();
        var elements = Elements(body, skip).ToList();
        // Bottom-up: which elements hold a block element somewhere below them. Paragraphs are only taken
        // where none does, so their subtrees never overlap and scoring stays linear on deep pages.
        var holdsBlocks = new HashSet<IElement>();
        for (int i = elements.Count - 1; i >= 0; i--)
        {
            var parent = elements[i].ParentElement;
            if (parent is not null && (BlockText.IsBlock(elements[i]) || holdsBlocks.Contains(elements[i]))) holdsBlocks.Add(parent);
        }
        foreach (var element in elements)
        {
            bool leaf = !holdsBlocks.Contains(element);
            bool paragraph = (ParagraphTags.Contains(element.LocalName) && (leaf || element.LocalName is "p" or "pre"))
                || (element.LocalName is "div" or "section" or "span" && leaf && HasOwnText(element));
            if (!paragraph) continue;
            var text = BlockText.Flat(element, skip);
            if (text.Length < 25) continue;
            double score = 1 + text.Count(c => c is ',' or '，' or '،') + Math.Min(text.Length / 100, 3);
            int level = 0;
            for (var ancestor = element.ParentElement; ancestor is not null && level < 3; ancestor = ancestor.ParentElement, level++)
            {
                if (!scores.ContainsKey(ancestor)) scores[ancestor] = Initial(ancestor);
                double divider = level switch { 0 => 1, 1 => 2, _ => level * 3 };
                scores[ancestor] += score / divider;
                if (ancestor == body) break;
            }
        }
        if (scores.Count == 0) return [body];

        IElement? top = null;
        double topScore = double.MinValue;
        var finals = new Dictionary<IElement, double>();
        foreach (var (candidate, score) in scores)
        {
            double final = score * (1 - LinkDensity(candidate, skip));
            finals[candidate] = final;
            if (final > topScore) { top = candidate; topScore = final; }
        }
        if (top is null) return [body];

        // Siblings of the winner that are story too: readability's rule of thumb.
        var topParent = top.ParentElement;
        if (topParent is null || top == body) return [top];
        double threshold = Math.Max(10, topScore * 0.2);
        var picked = new List<IElement>();
        foreach (var sibling in topParent.Children)
        {
            if (sibling == top) { picked.Add(sibling); continue; }
            if (skip(sibling)) continue;
            if (finals.TryGetValue(sibling, out var s) && s >= threshold) { picked.Add(sibling); continue; }
            if (sibling.LocalName != "p") continue;
            var text = BlockText.Flat(sibling, skip);
            double density = LinkDensity(sibling, skip);
            if ((text.Length > 80 && density < 0.25) || (text.Length is > 0 and <= 80 && density == 0 && text.TrimEnd().EndsWith('.')))
                picked.Add(sibling);
        }
        return picked;
    }

    private static double Initial(IElement element)
    {
        double score = element.LocalName switch
        {
            "article" => 10,
            "main" => 5,
            "div" or "section" => 5,
            "pre" or "td" or "blockquote" => 3,
            "address" or "ol" or "ul" or "dl" or "dd" or "dt" or "li" or "form" => -3,
            "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "th" => -5,
            _ => 0,
        };
        return score + PageNoise.Hint(element) * 25;
    }

    private static bool HasOwnText(IElement element) =>
        element.ChildNodes.Any(n => n.NodeType == NodeType.Text && !string.IsNullOrWhiteSpace(n.TextContent))
        || element.Children.Any(c => !BlockText.IsBlock(c));

    private static double LinkDensity(IElement element, Func<IElement, bool> skip)
    {
        var blocks = BlockText.Blocks(element, skip, null);
        int total = blocks.Sum(b => b.Text.Length);
        return total == 0 ? 0 : (double)blocks.Sum(b => b.LinkChars) / total;
    }

    /// <summary>Elements under the root in document order, leaving out skipped subtrees (explicit stack).</summary>
    private static IEnumerable<IElement> Elements(IElement root, Func<IElement, bool> skip)
    {
        var stack = new Stack<IElement>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var element = stack.Pop();
            if (element != root && skip(element)) continue;
            yield return element;
            for (var child = element.LastElementChild; child is not null; child = child.PreviousElementSibling)
                stack.Push(child);
        }
    }
}
