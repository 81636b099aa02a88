using Faultline.Text;

namespace Faultline.Analysis.Stance;

/// <summary>How a word sits inside quotation marks.</summary>
internal enum QuoteKind : byte
{
    /// <summary>Not quoted.</summary>
    None,
    /// <summary>Inside a short quoted span (at most <see cref="PostTokens.ScareQuoteMaxWords"/> words): a title or scare quotes.</summary>
    Scare,
    /// <summary>Inside a longer quotation: someone else's words.</summary>
    Quotation,
}

/// <summary>One word of a post with its place in the original text, its stem and the sentence and clause it belongs to.</summary>
internal struct PostToken
{
    public int Start;
    public int Length;
    public string Stem;
    public int Sentence;
    public int Clause;
    public QuoteKind Quote;
    /// <summary>A clown or facepalm emoji stands right before this word (or ends the sentence it closes).</summary>
    public bool MockingEmojiBefore;
}

/// <summary>
/// Cuts a post's original text into stemmed words without normalising it first, so that word offsets stay the
/// offsets the mention finder reports. Sentences end at . ! ? … and line breaks; clauses also at , ; : ( ) and dashes;
/// quotation marks (« » “ ” „ ") are paired to tell scare quotes from quotations.
/// </summary>
internal static class PostTokens
{
    /// <summary>A quoted span of this many words or fewer reads as scare quotes or a title, a longer one as a quotation.</summary>
    public const int ScareQuoteMaxWords = 4;

    /// <summary>Words of the text into <paramref name="tokens"/> (cleared first).</summary>
    public static void Scan(string text, Language language, List<PostToken> tokens)
    {
        tokens.Clear();
        Span<char> lower = stackalloc char[Stemmer.MaxWordLength];
        var position = 0;
        var previousEnd = 0;
        int sentence = 0, clause = 0;
        var quoteOpen = false;
        var quoteStart = 0;
        var emoji = false;
        while (Tokenizer.NextWord(text, ref position, out var start, out var length, out _))
        {
            ScanGap(text.AsSpan(previousEnd, start - previousEnd), tokens, ref sentence, ref clause, ref quoteOpen, ref quoteStart, ref emoji);
            previousEnd = start + length;
            string stem;
            if (length > Stemmer.MaxWordLength) stem = "";
            else
            {
                var word = lower[..length];
                for (var i = 0; i < length; i++)
                {
                    var c = char.ToLowerInvariant(text[start + i]);
                    word[i] = c switch { 'ё' => 'е', '’' or 'ʼ' => '\'', _ => c };
                }
                stem = Stemmer.Stem(word, language);
            }
            tokens.Add(new PostToken
            {
                Start = start, Length = length, Stem = stem, Sentence = sentence, Clause = clause,
                MockingEmojiBefore = emoji,
            });
            emoji = false;
        }
        // A trailing emoji (after the last word) mocks the last sentence: mark its last word.
        ScanGap(text.AsSpan(previousEnd), tokens, ref sentence, ref clause, ref quoteOpen, ref quoteStart, ref emoji);
        if (emoji && tokens.Count > 0)
        {
            var last = tokens[^1];
            last.MockingEmojiBefore = true;
            tokens[^1] = last;
        }
    }

    private static void ScanGap(ReadOnlySpan<char> gap, List<PostToken> tokens, ref int sentence, ref int clause,
        ref bool quoteOpen, ref int quoteStart, ref bool emoji)
    {
        for (var i = 0; i < gap.Length; i++)
        {
            var c = gap[i];
            switch (c)
            {
                case '.' or '!' or '?' or '…' or '\n':
                    if (tokens.Count > 0 && tokens[^1].Sentence == sentence)
                    {
                        sentence++;
                        clause++;
                    }
                    break;
                case ',' or ';' or ':' or '(' or ')' or '—' or '–':
                    if (tokens.Count > 0 && tokens[^1].Clause == clause) clause++;
                    break;
                case '«' or '„':
                    quoteOpen = true;
                    quoteStart = tokens.Count;
                    break;
                case '»':
                    CloseQuote(tokens, ref quoteOpen, quoteStart);
                    break;
                case '"' or '“' or '”':
                    // Straight and curly double quotes open when none is open and close otherwise.
                    if (quoteOpen) CloseQuote(tokens, ref quoteOpen, quoteStart);
                    else
                    {
                        quoteOpen = true;
                        quoteStart = tokens.Count;
                    }
                    break;
                case '\uD83E' when i + 1 < gap.Length && gap[i + 1] is '\uDD21' or '\uDD26':
                    emoji = true; // U+1F921 clown face, U+1F926 face palm
                    break;
            }
        }
    }

    private static void CloseQuote(List<PostToken> tokens, ref bool quoteOpen, int quoteStart)
    {
        if (!quoteOpen) return;
        quoteOpen = false;
        var words = tokens.Count - quoteStart;
        if (words <= 0) return;
        var kind = words <= ScareQuoteMaxWords ? QuoteKind.Scare : QuoteKind.Quotation;
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(tokens);
        for (var i = quoteStart; i < tokens.Count; i++) span[i].Quote = kind;
    }
}
